using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Queue;

/// <summary>Retention's batch deletes, run against every provider: see <see cref="SqliteJobPurgeTests"/> and <see cref="PostgresJobPurgeTests"/>.</summary>
public abstract class JobPurgeTests(QueueFixture queue) : IDisposable
{
    protected readonly QueueFixture Queue = queue;
    protected IJobStore Store => Queue.Store;
    protected abstract JobPurge Purge { get; }
    private const string Me = "worker-1";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public void Dispose() => Queue.Dispose();

    protected string Finish(JobState state)
    {
        var id = Queue.Enqueue().Id;
        switch (state)
        {
            case JobState.Done:
                Store.TryClaim(id, JobState.Working, Me, Lease);
                Assert.True(Store.TryComplete(id, Me, "{}"));
                break;
            case JobState.Failed:
                Store.TryClaim(id, JobState.Working, Me, Lease);
                Assert.True(Store.TryFail(id, Me, "broken"));
                break;
            case JobState.Cancelled:
                Assert.True(Store.TryCancel(id));
                break;
            case JobState.Working:
                Assert.NotNull(Store.TryClaim(id, JobState.Working, Me, Lease));
                break;
        }
        return id;
    }

    protected long EventsOf(string id)
    {
        using var connection = Queue.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM job_events WHERE job_id = @id", new { id });
    }

    [Fact]
    public void DeleteBatch_DeletesOnlyThatStateFinishedBeforeTheCutoff_WithTheirHistory()
    {
        var oldDone = new[] { Finish(JobState.Done), Finish(JobState.Done) };
        var kept = new[] { Finish(JobState.Failed), Finish(JobState.Cancelled), Finish(JobState.Queued), Finish(JobState.Working) };
        var cutoff = Queue.Time.GetUtcNow().AddMinutes(1);
        Queue.Time.Advance(TimeSpan.FromMinutes(2));
        var recentDone = Finish(JobState.Done);

        var purged = Purge.DeleteBatch(JobState.Done, cutoff, limit: 10);

        Assert.Equal(oldDone.Order(), purged.Order());
        foreach (var id in oldDone)
        {
            Assert.Null(Store.Get(id));
            Assert.Equal(0, EventsOf(id));
        }
        foreach (var id in kept.Append(recentDone))
        {
            Assert.NotNull(Store.Get(id));
            Assert.True(EventsOf(id) > 0);
        }
    }

    [Fact]
    public void DeleteBatch_KeepsAJobWhoseWebhookIsStillOwed_AndDeletesItsDeliveriesOnceDone()
    {
        var owed = Finish(JobState.Done);
        var delivered = Finish(JobState.Done);
        var at = Queue.Time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var connection = Queue.Database.Open())
        {
            const string insert = """
                INSERT INTO webhook_deliveries (job_id, seq, url, job_state, job_attempt, created_at, next_attempt_at, state, finished_at)
                VALUES (@Id, 1, 'https://hooks.example/x', 'done', 1, @At, @At, @State, @FinishedAt)
                """;
            connection.Execute(insert, new { Id = owed, At = at, State = "pending", FinishedAt = (long?)null });
            connection.Execute(insert, new { Id = delivered, At = at, State = "delivered", FinishedAt = (long?)at });
        }
        Queue.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([delivered], Purge.DeleteBatch(JobState.Done, Queue.Time.GetUtcNow(), limit: 10));

        Assert.NotNull(Store.Get(owed));
        using var check = Queue.Database.Open();
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE job_id = @delivered", new { delivered }));
        Assert.Equal(1, check.ExecuteScalar<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE job_id = @owed", new { owed }));
    }

    [Fact]
    public void DeleteBatch_TakesTheOldestFirst_UpToTheLimit()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Finish(JobState.Cancelled));
            Queue.Time.Advance(TimeSpan.FromSeconds(1));
        }
        var cutoff = Queue.Time.GetUtcNow();

        Assert.Equal(ids[..2], Purge.DeleteBatch(JobState.Cancelled, cutoff, limit: 2));
        Assert.Equal(ids[2..4], Purge.DeleteBatch(JobState.Cancelled, cutoff, limit: 2));
        Assert.Equal(ids[4..], Purge.DeleteBatch(JobState.Cancelled, cutoff, limit: 2));
        Assert.Empty(Purge.DeleteBatch(JobState.Cancelled, cutoff, limit: 2));
    }

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Loading)]
    [InlineData(JobState.Working)]
    public void DeleteBatch_StateNotFinished_IsRefused(JobState state)
    {
        var running = Finish(JobState.Working);
        Assert.Throws<ArgumentOutOfRangeException>(() => Purge.DeleteBatch(state, Queue.Time.GetUtcNow().AddYears(1), 10));
        Assert.NotNull(Store.Get(running));
    }

    [Fact]
    public void DeleteBatch_RequeuedByAnOperator_IsNoLongerPurged()
    {
        var id = Finish(JobState.Failed);
        Queue.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Store.TryRequeue(id));

        Assert.Empty(Purge.DeleteBatch(JobState.Failed, Queue.Time.GetUtcNow().AddYears(1), 10));
        Assert.Equal(JobState.Queued, Store.Get(id)!.JobState);
    }
}

public sealed class SqliteJobPurgeTests : JobPurgeTests
{
    private readonly SqliteJobPurge _purge;

    public SqliteJobPurgeTests() : base(QueueFixture.Sqlite()) => _purge = new SqliteJobPurge((SqliteDatabase)Queue.Database);

    protected override JobPurge Purge => _purge;

    private string Plan(string sql, object? args = null)
    {
        using var connection = Queue.Database.Open();
        return string.Join("\n", connection.Query<(long, long, long, string)>("EXPLAIN QUERY PLAN " + sql, args).Select(row => row.Item4));
    }

    [Fact]
    public void PurgeAndCountsByState_ReadIndexesNotTheTable()
    {
        Assert.Contains("SEARCH jobs USING INDEX jobs_finished (state=? AND finished_at<?)",
            Plan("SELECT id FROM jobs WHERE state = @State AND finished_at < @Cutoff ORDER BY finished_at LIMIT @Limit",
                new { State = "done", Cutoff = 0L, Limit = 10 }));
        Assert.Matches("SCAN jobs USING COVERING INDEX", Plan("SELECT state, COUNT(*) FROM jobs GROUP BY state"));
        Assert.Contains("USING COVERING INDEX jobs_finished (state=? AND finished_at>?)",
            Plan("SELECT finished_at FROM jobs WHERE state IN ('done', 'failed') AND finished_at >= @since ORDER BY finished_at DESC LIMIT 100", new { since = 0L }));
        Assert.Contains("USING PRIMARY KEY (job_id=?)", Plan("DELETE FROM job_events WHERE job_id IN (SELECT value FROM json_each('[]'))"));
    }

    [Fact]
    public void NewFile_GivesPurgedPagesBack()
    {
        Assert.True(_purge.IncrementalVacuumEnabled);
        for (var i = 0; i < 200; i++) Finish(JobState.Cancelled);
        using var connection = Queue.Database.Open();
        connection.Execute("UPDATE jobs SET lyrics = @lyrics", new { lyrics = new string('a', 4000) });
        var before = connection.ExecuteScalar<long>("PRAGMA page_count");

        Assert.Equal(200, _purge.DeleteBatch(JobState.Cancelled, Queue.Time.GetUtcNow().AddSeconds(1), 500).Count);
        Assert.True(connection.ExecuteScalar<long>("PRAGMA freelist_count") > 100);
        _purge.ReclaimSpace();

        Assert.Equal(0, connection.ExecuteScalar<long>("PRAGMA freelist_count"));
        Assert.True(connection.ExecuteScalar<long>("PRAGMA page_count") < before / 4, "the file did not shrink");
    }
}

public sealed class PostgresJobPurgeTests : JobPurgeTests
{
    private readonly PostgresJobPurge _purge;

    public PostgresJobPurgeTests(PostgresCluster cluster) : base(QueueFixture.Postgres(cluster)) =>
        _purge = new PostgresJobPurge((PostgresDatabase)Queue.Database);

    protected override JobPurge Purge => _purge;

    [Fact]
    public async Task DeleteBatch_PurgersOfSeveralNodesAtOnce_DeleteEachJobOnce()
    {
        var ids = Enumerable.Range(0, 300).Select(_ => Finish(JobState.Cancelled)).ToHashSet();
        var cutoff = Queue.Time.GetUtcNow().AddSeconds(1);
        string connection;
        using (var open = ((PostgresDatabase)Queue.Database).Open()) connection = open.ConnectionString;

        var nodes = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var database = new PostgresDatabase(connection);
            var purge = new PostgresJobPurge(database);
            var mine = new List<string>();
            while (purge.DeleteBatch(JobState.Cancelled, cutoff, limit: 5) is { Count: > 0 } batch) mine.AddRange(batch);
            return mine;
        }));
        var purged = (await Task.WhenAll(nodes)).SelectMany(batch => batch).ToList();

        Assert.Equal(ids.Count, purged.Count);
        Assert.Equal(ids, purged.ToHashSet());
        using var check = Queue.Database.Open();
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT COUNT(*) FROM job_events"));
    }

    [Fact]
    public void PurgeAndCountsByState_CanReadTheIndexes()
    {
        using var connection = Queue.Database.Open();
        connection.Execute("SET enable_seqscan = off");
        string Plan(string sql) => string.Join("\n", connection.Query<string>("EXPLAIN " + sql));

        Assert.Contains("jobs_finished", Plan("SELECT id FROM jobs WHERE state = 'done' AND finished_at < 0 ORDER BY finished_at LIMIT 10 FOR UPDATE SKIP LOCKED"));
        Assert.Contains("Index Only Scan using jobs_finished", Plan("SELECT state, COUNT(*) FROM jobs GROUP BY state"));
        Assert.Contains("jobs_finished", Plan("SELECT finished_at FROM jobs WHERE state IN ('done', 'failed') AND finished_at >= 0 ORDER BY finished_at DESC LIMIT 100"));
    }
}
