using System.Globalization;

namespace Foreman.Bench;

/// <summary>
/// <c>foreman-bench queue --compare hangfire</c>: Foreman and Hangfire side by side in one run, on SQLite files on the
/// same disk and, with <c>--connection</c>, in PostgreSQL databases on the same server; one producer and one worker
/// each, the same no-op job. The last line is the ratio of their throughputs, for scripts and CI to read.
/// </summary>
internal static class QueueComparison
{
    public static async Task<int> RunAsync(QueueBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Compare != "hangfire") throw new ArgumentException($"unknown peer '{options.Compare}': only hangfire is measured");
        var one = options with { Nodes = 1, Models = 1 };
        var peerLatencyJobs = Math.Max(1, Math.Min(options.LatencyJobs, options.PeerJobs / 10));
        var rows = new List<(string Storage, QueueFigures Foreman, QueueFigures Hangfire)>();

        await output.WriteLineAsync("durability: both on WAL with synchronous=NORMAL (a commit is written to the WAL before it returns and survives the process; fsync at checkpoints only)");
        await using (var sqlite = QueueBenchmark.BenchQueue.Sqlite())
            rows.Add(("sqlite", await QueueBenchmark.MeasureAsync(sqlite, one, cancellationToken), HangfireBenchmark.Sqlite(options.PeerJobs, peerLatencyJobs)));
        if (options.Connection is { } connection)
        {
            await output.WriteLineAsync("durability (postgres): both commit with the server's synchronous_commit");
            await using var postgres = QueueBenchmark.BenchQueue.Postgres(connection);
            rows.Add(("postgres", await QueueBenchmark.MeasureAsync(postgres, one, cancellationToken), HangfireBenchmark.Postgres(connection, options.PeerJobs, peerLatencyJobs)));
        }

        var table = new Cli.TextTable("SYSTEM", "STORAGE", "JOBS", "JOBS/S", "LATENCY JOBS", "P50 MS", "P99 MS");
        foreach (var (storage, foreman, hangfire) in rows)
        {
            table.Add(Row("foreman", storage, foreman));
            table.Add(Row("hangfire", storage, hangfire));
        }
        await output.WriteAsync(table.ToString());
        await output.WriteLineAsync("ratio " + string.Join(" ", rows.Select(r =>
            $"foreman/hangfire-{r.Storage}={(r.Foreman.JobsPerSecond / r.Hangfire.JobsPerSecond).ToString("F2", CultureInfo.InvariantCulture)}")));
        return 0;
    }

    private static string[] Row(string system, string storage, QueueFigures figures) =>
    [
        system, storage, figures.Jobs.ToString("N0"), figures.JobsPerSecond.ToString("N0"), figures.LatencyJobs.ToString("N0"),
        figures.P50.ToString("F2"), figures.P99.ToString("F2"),
    ];
}
