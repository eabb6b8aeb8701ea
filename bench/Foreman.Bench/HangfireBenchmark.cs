using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace Foreman.Bench;

/// <summary>
/// Hangfire, the .NET reference queue, measured the way <see cref="QueueBenchmark"/> measures Foreman: one producer
/// enqueues a no-op job while one worker drains, then jobs are enqueued one at a time to the idle worker.
/// </summary>
internal static class HangfireBenchmark
{
    /// <summary>
    /// Hangfire.Storage.SQLite on a temp file beside Foreman's, its connections set to what Foreman's use: WAL and
    /// synchronous=NORMAL (a commit is in the WAL before it returns, fsynced at checkpoints). It has no wake-up between
    /// enqueue and fetch, so its worker polls every <see cref="PollInterval"/>.
    /// </summary>
    public static QueueFigures Sqlite(int jobs, int latencyJobs)
    {
        var directory = Directory.CreateTempSubdirectory("foreman-bench-hangfire-");
        try
        {
            var path = Path.Combine(directory.FullName, "hangfire.db");
            using var storage = new SQLiteStorage(new SQLiteDbConnectionFactory(() => OpenSqlite(path)),
                new SQLiteStorageOptions { QueuePollInterval = PollInterval });
            return Measure(storage, jobs, latencyJobs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Hangfire.PostgreSql in a temp database beside Foreman's, with long polling (LISTEN/NOTIFY wakes the worker) and
    /// the server's own synchronous_commit, as Foreman runs there.
    /// </summary>
    public static QueueFigures Postgres(string connection, int jobs, int latencyJobs)
    {
        var name = "foreman_bench_hangfire_" + Ulid.NewUlid().ToString().ToLowerInvariant();
        QueueBenchmark.BenchQueue.AdminExecute(connection, $"CREATE DATABASE {name}");
        try
        {
            var database = new Npgsql.NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString;
            // The same poll as on SQLite, below Hangfire's suggested 50 ms minimum: AllowUnsafeValues first, or the setter throws.
            var options = new PostgreSqlStorageOptions { AllowUnsafeValues = true, QueuePollInterval = PollInterval, EnableLongPolling = true, PrepareSchemaIfNecessary = true };
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database, options), options);
            return Measure(storage, jobs, latencyJobs);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            QueueBenchmark.BenchQueue.AdminExecute(connection, $"DROP DATABASE {name} WITH (FORCE)");
        }
    }

    /// <summary>How often an idle Hangfire worker looks for work where nothing wakes it (its default is 15 s).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private static SQLite.SQLiteConnection OpenSqlite(string path)
    {
        var connection = new SQLite.SQLiteConnection(path, SQLite.SQLiteOpenFlags.ReadWrite | SQLite.SQLiteOpenFlags.Create | SQLite.SQLiteOpenFlags.NoMutex,
            storeDateTimeAsTicks: true) { BusyTimeout = TimeSpan.FromSeconds(10) };
        connection.ExecuteScalar<string>("PRAGMA journal_mode = WAL");
        connection.Execute("PRAGMA synchronous = NORMAL");
        return connection;
    }

    private static QueueFigures Measure(JobStorage storage, int jobs, int latencyJobs)
    {
        var client = new BackgroundJobClient(storage);
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1 }, storage);
        Throughput(client, Math.Min(jobs, 500)); // warm-up: JIT, schema, the worker's first fetch
        var throughput = Throughput(client, jobs);
        var latencies = new List<double>(latencyJobs);
        for (var i = 0; i < latencyJobs; i++)
        {
            var started = HangfireNoOpJob.WhenStarted(i);
            var submitted = Stopwatch.GetTimestamp();
            client.Enqueue(() => HangfireNoOpJob.Run(i));
            if (!started.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("Hangfire did not start a job within a minute");
            latencies.Add(Stopwatch.GetElapsedTime(submitted, started.Result).TotalMilliseconds);
            Thread.Sleep(1); // let the worker go idle again
        }
        return QueueFigures.Of(jobs, throughput, latencies);
    }

    private static double Throughput(BackgroundJobClient client, int jobs)
    {
        var clock = Stopwatch.StartNew();
        var ran = HangfireNoOpJob.Ran;
        for (var i = 0; i < jobs; i++) client.Enqueue(() => HangfireNoOpJob.Run(-1));
        while (HangfireNoOpJob.Ran - ran < jobs) Thread.Sleep(1);
        return jobs / clock.Elapsed.TotalSeconds;
    }
}

/// <summary>The job Hangfire runs: nothing but a note that it started (Hangfire calls a public static method by name).</summary>
public static class HangfireNoOpJob
{
    private static readonly ConcurrentDictionary<int, TaskCompletionSource<long>> Started = new();
    private static long _ran;

    internal static long Ran => Interlocked.Read(ref _ran);

    internal static Task<long> WhenStarted(int key) =>
        Started.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Run(int key)
    {
        Interlocked.Increment(ref _ran);
        if (key >= 0 && Started.TryRemove(key, out var started)) started.TrySetResult(Stopwatch.GetTimestamp());
    }
}
