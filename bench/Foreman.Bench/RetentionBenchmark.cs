using System.CommandLine;
using System.Diagnostics;
using Dapper;
using Foreman.Diagnostics;
using Foreman.Queue;
using Foreman.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Bench;

/// <summary>
/// <c>foreman bench retention</c>: a temp SQLite queue seeded with many finished jobs (direct SQL, in batches), then
/// submits at a steady rate through the real store, first alone and then while the real purger deletes every seeded
/// job: submit latency with and without a purge pass, the pass's speed, and the file before and after.
/// </summary>
public static class RetentionBenchmark
{
    public static Command Command()
    {
        var jobs = new Option<int>("--jobs", "-n") { Description = "Finished jobs to seed, all past their retention", DefaultValueFactory = _ => 1_000_000 };
        var rate = new Option<int>("--rate") { Description = "Submits per second, one at a time", DefaultValueFactory = _ => 200 };
        var baseline = new Option<int>("--baseline-seconds") { Description = "Seconds of submits before the purge starts", DefaultValueFactory = _ => 15 };
        var batchSize = new Option<int>("--batch-size") { Description = "Foreman:Retention:BatchSize", DefaultValueFactory = _ => new RetentionOptions().BatchSize };
        var batchPause = new Option<int>("--batch-pause-ms") { Description = "Foreman:Retention:BatchPause in milliseconds",
            DefaultValueFactory = _ => (int)new RetentionOptions().BatchPause.TotalMilliseconds };
        var command = new Command("retention", "Submit latency on a queue of finished jobs, with and without a purge pass deleting them")
        {
            jobs, rate, baseline, batchSize, batchPause,
        };
        command.SetAction(async (parseResult, cancellationToken) => await RunAsync(parseResult.GetValue(jobs), parseResult.GetValue(rate),
            TimeSpan.FromSeconds(parseResult.GetValue(baseline)), new RetentionOptions
            {
                Done = TimeSpan.FromDays(7), Failed = TimeSpan.FromDays(7), Cancelled = TimeSpan.FromDays(7),
                BatchSize = parseResult.GetValue(batchSize), BatchPause = TimeSpan.FromMilliseconds(parseResult.GetValue(batchPause)),
            }, Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int jobs, int rate, TimeSpan baseline, RetentionOptions retention, TextWriter output,
        CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("foreman-bench-retention-");
        try
        {
            var storage = new StorageOptions { DataDir = directory.FullName };
            using var database = new SqliteDatabase(storage.DatabasePath);
            new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).Apply();
            var store = new SqliteJobStore(database, TimeProvider.System);

            var clock = Stopwatch.StartNew();
            Seed(database, jobs);
            await output.WriteLineAsync($"seeded {jobs:N0} finished jobs (80% done, 15% failed, 5% cancelled; 3 events each) in {clock.Elapsed.TotalSeconds:F1} s; " +
                $"file {FileMegabytes(database):N0} MB; counting by state takes {CountMilliseconds(store):F0} ms");

            var submitter = new Submitter(store, new JobIds(TimeProvider.System), rate);
            var alone = await submitter.RunAsync(baseline, cancellationToken);
            await output.WriteLineAsync($"submits alone:        {Describe(alone)}");

            var purger = new JobPurger(new SqliteJobPurge(database), new ForemanMetrics(), Options.Create(retention), Options.Create(storage),
                TimeProvider.System, NullLogger<JobPurger>.Instance);
            using var purgeDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            clock.Restart();
            var pass = Task.Run(async () =>
            {
                try { return await purger.PurgeAsync(cancellationToken); }
                finally { await purgeDone.CancelAsync(); }
            }, cancellationToken);
            var during = await submitter.RunAsync(Timeout.InfiniteTimeSpan, purgeDone.Token);
            var purged = (await pass).Values.Sum();
            var seconds = clock.Elapsed.TotalSeconds;
            await output.WriteLineAsync($"submits during purge: {Describe(during)}");
            await output.WriteLineAsync($"purge pass: {purged:N0} jobs in {seconds:F1} s ({purged / seconds:N0} jobs/s, batches of {retention.BatchSize} " +
                $"with {retention.BatchPause.TotalMilliseconds:F0} ms pauses); file {FileMegabytes(database):N0} MB after; counting by state takes {CountMilliseconds(store):F0} ms");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Finished jobs a month old, in transactions of <see cref="SeedBatch"/>: ids that sort before any new ULID, lyrics of
    /// 300 and results of 1,000 random characters, and their queued, working and final events.
    /// </summary>
    private static void Seed(SqliteDatabase database, int jobs)
    {
        var finishedFrom = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        using var connection = database.Open();
        for (var first = 0; first < jobs; first += SeedBatch)
        {
            using var transaction = connection.BeginTransaction();
            var args = new { First = first, Last = Math.Min(jobs, first + SeedBatch) - 1, FinishedFrom = finishedFrom };
            connection.Execute("""
                WITH RECURSIVE n(i) AS (SELECT @First UNION ALL SELECT i + 1 FROM n WHERE i < @Last),
                seeded AS (SELECT i, CASE WHEN i % 20 = 0 THEN 'cancelled' WHEN i % 20 <= 3 THEN 'failed' ELSE 'done' END AS state,
                                  @FinishedFrom + i * 86 AS finished_at FROM n)
                INSERT INTO jobs (id, state, model, format, audio_url, lyrics, attempt, events, max_attempts, created_at, not_before,
                                  started_at, finished_at, last_error, result_json)
                SELECT printf('00%024d', i), state, 'foreman-tiny-en', 'json', 'https://example.invalid/song.mp3', hex(randomblob(150)),
                       1, 3, 5, finished_at - 5000, finished_at - 5000, finished_at - 4000, finished_at,
                       CASE state WHEN 'failed' THEN 'input: no sung text' END,
                       CASE state WHEN 'done' THEN '{"lines":"' || hex(randomblob(500)) || '"}' END
                FROM seeded
                """, args, transaction);
            connection.Execute("""
                INSERT INTO job_events (job_id, seq, state, at, attempt, error)
                SELECT id, seq.n, CASE seq.n WHEN 1 THEN 'queued' WHEN 2 THEN 'working' ELSE state END,
                       created_at + (seq.n - 1) * 2000, 1, NULL
                FROM jobs, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS seq
                WHERE id BETWEEN printf('00%024d', @First) AND printf('00%024d', @Last)
                """, args, transaction);
            transaction.Commit();
        }
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private const int SeedBatch = 50_000;

    private static double FileMegabytes(SqliteDatabase database)
    {
        using (var connection = database.Open()) connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        return new FileInfo(database.Path).Length / 1e6;
    }

    private static double CountMilliseconds(IJobStore store)
    {
        var clock = Stopwatch.StartNew();
        store.CountByState();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string Describe(List<double> latencies)
    {
        latencies.Sort();
        return $"{latencies.Count:N0} submits, p50 {QueueFigures.Percentile(latencies, 0.5):F2} ms, p99 {QueueFigures.Percentile(latencies, 0.99):F2} ms, " +
               $"max {latencies[^1]:F2} ms";
    }

    /// <summary>Submits one job at a time at a fixed rate (a late submit does not shorten the next gap), timing each store write.</summary>
    private sealed class Submitter(IJobStore store, JobIds ids, int rate)
    {
        public async Task<List<double>> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
        {
            var latencies = new List<double>();
            var gap = TimeSpan.FromSeconds(1.0 / rate);
            var clock = Stopwatch.StartNew();
            while (!cancellationToken.IsCancellationRequested && (duration == Timeout.InfiniteTimeSpan || clock.Elapsed < duration))
            {
                var started = Stopwatch.GetTimestamp();
                store.Create(new NewJob(ids.Next(), "foreman-tiny-en", "json", null, "https://example.invalid/new.mp3", "la la la\nlo lo lo",
                    null, null, 5, null));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                await Task.Delay(gap, CancellationToken.None);
            }
            return latencies;
        }
    }
}
