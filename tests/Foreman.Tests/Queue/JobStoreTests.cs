using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Queue;

/// <summary>The queue's contract, run against every provider: see <see cref="SqliteJobStoreTests"/> and <see cref="PostgresJobStoreTests"/>.</summary>
public abstract class JobStoreTests(QueueFixture queue) : IDisposable
{
    private readonly QueueFixture _queue = queue;
    private IJobStore Store => _queue.Store;
    private const string Me = "worker-1";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public void Dispose() => _queue.Dispose();

    /// <summary>The text of the CHECK on <c>jobs.state</c>, as the database stores it.</summary>
    protected abstract string StateCheck(DbConnection connection);

    [Fact]
    public void Migrations_AreRecordedInSchemaTable()
    {
        using var connection = _queue.Database.Open();
        var versions = connection.Query<long>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal(MigrationRunner.Embedded(_queue.Database.MigrationsFolder).Select(m => (long)m.Version), versions);
        Assert.Contains(1L, versions);
    }

    [Fact]
    public void Migrations_AppliedTwice_AreNotReapplied()
    {
        new MigrationRunner(_queue.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance).Apply();
        using var connection = _queue.Database.Open();
        Assert.Equal(MigrationRunner.Embedded(_queue.Database.MigrationsFolder).Count, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public void StateCheck_ListsExactlyTheEnumNames()
    {
        using var connection = _queue.Database.Open();
        var names = Regex.Matches(StateCheck(connection), "'([a-z]+)'").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(Enum.GetValues<JobState>().Select(s => s.Name()).ToHashSet(), names);
    }

    [Fact]
    public void Create_RecordsQueuedEvent()
    {
        var job = _queue.Enqueue();
        Assert.Equal(JobState.Queued, job.JobState);
        Assert.Equal(0, job.Attempt);
        Assert.Equal(["queued"], Store.Events(job.Id).Select(e => e.State));
    }

    [Fact]
    public void Create_SameIdempotencyKey_ReturnsExistingJob()
    {
        var first = _queue.Enqueue(idempotencyKey: "k1");
        var again = Store.Create(new NewJob(Ulid.NewUlid().ToString(), "a", "json", null, "https://x/y", "la", "k1", null, 5, null));
        Assert.False(again.Created);
        Assert.Equal(first.Id, again.Job.Id);
        Assert.Single(Store.List(null, null, null, 10));
    }

    [Fact]
    public void ClaimAndComplete_MovesThroughStatesWithEvents()
    {
        var job = _queue.Enqueue();
        var claimed = Store.TryClaim(job.Id, JobState.Loading, Me, Lease)!;
        Assert.Equal(1, claimed.Attempt);
        Assert.Equal(Me, claimed.LeaseOwner);
        Assert.True(Store.TryStartWorking(job.Id, Me));
        Assert.True(Store.TryComplete(job.Id, Me, "{}"));
        var done = Store.Get(job.Id)!;
        Assert.Equal(JobState.Done, done.JobState);
        Assert.NotNull(done.FinishedAt);
        Assert.Null(done.LeaseOwner);
        Assert.Equal(["queued", "loading", "working", "done"], Store.Events(job.Id).Select(e => e.State));
    }

    [Fact]
    public void TryClaim_AlreadyClaimed_ReturnsNull()
    {
        var job = _queue.Enqueue();
        Assert.NotNull(Store.TryClaim(job.Id, JobState.Working, Me, Lease));
        Assert.Null(Store.TryClaim(job.Id, JobState.Working, "other", Lease));
    }

    [Fact]
    public void TryComplete_StaleWorkerAfterRescue_IsRejected()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "old-worker", Lease);
        Assert.Equal(1, Store.RescueOrphans("new-worker", includeUnexpired: true).Total);
        Store.TryClaim(job.Id, JobState.Working, "new-worker", Lease);

        Assert.False(Store.TryComplete(job.Id, "old-worker", "{\"stale\":true}"));
        Assert.False(Store.TryFail(job.Id, "old-worker", "stale"));
        Assert.True(Store.TryComplete(job.Id, "new-worker", "{}"));
        Assert.Equal("{}", Store.Get(job.Id)!.ResultJson);
    }

    [Fact]
    public void RescueOrphans_LeaseNotExpired_LeavesJobAlone()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "other", Lease);
        Assert.Equal(0, Store.RescueOrphans(Me, includeUnexpired: false).Total);
        _queue.Time.Advance(Lease + TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Store.RescueOrphans(Me, includeUnexpired: false).Total);
        var rescued = Store.Get(job.Id)!;
        Assert.Equal(JobState.Queued, rescued.JobState);
        Assert.Equal(1, rescued.Attempt); // the interrupted attempt still counts
        Assert.Contains("stopped during attempt 1", rescued.LastError);
    }

    [Fact]
    public void TryComplete_NodeBackAfterItsLeaseExpired_IsRejected()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "node-a", Lease);
        _queue.Time.Advance(Lease + TimeSpan.FromSeconds(1)); // node-a stalls past its lease
        Assert.Equal(1, Store.RescueOrphans("node-b", includeUnexpired: false).Total);
        Assert.NotNull(Store.TryClaim(job.Id, JobState.Working, "node-b", Lease));

        Assert.False(Store.Heartbeat(job.Id, "node-a", Lease));
        Assert.False(Store.TryComplete(job.Id, "node-a", "{\"stale\":true}"));
        Assert.False(Store.TryRetry(job.Id, "node-a", "stale", _queue.Time.GetUtcNow()));
        Assert.True(Store.TryComplete(job.Id, "node-b", "{}"));
        Assert.Equal(["queued", "working", "queued", "working", "done"], Store.Events(job.Id).Select(e => e.State));
    }

    [Fact]
    public async Task TryClaim_ManyWorkersAtOnce_ExactlyOneWins()
    {
        var job = _queue.Enqueue();
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.TryClaim(job.Id, JobState.Working, $"node-{i}", Lease), TestContext.Current.CancellationToken)));
        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(winner.LeaseOwner, Store.Get(job.Id)!.LeaseOwner);
        Assert.Equal(1, Store.Get(job.Id)!.Attempt);
        Assert.Equal(["queued", "working"], Store.Events(job.Id).Select(e => e.State));
    }

    [Fact]
    public async Task RescueOrphans_ManyNodesAtOnce_TakeTheJobBackOnce()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "dead-node", Lease);
        _queue.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var rescued = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => Store.RescueOrphans($"node-{i}", includeUnexpired: false), TestContext.Current.CancellationToken)));
        Assert.Equal(1, rescued.Sum(r => r.Total));
        Assert.Equal(["queued", "working", "queued"], Store.Events(job.Id).Select(e => e.State));
    }

    [Fact]
    public void RescueOrphans_OwnLeaseExpired_TakenBackToo()
    {
        // A job whose outcome the worker could not write (a full disk) must not stay running until a restart.
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, Me, Lease);
        Assert.Equal(0, Store.RescueOrphans(Me, includeUnexpired: true).Total); // its own live lease stays
        _queue.Time.Advance(Lease + TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Store.RescueOrphans(Me, includeUnexpired: false).Total);
        Assert.Equal(JobState.Queued, Store.Get(job.Id)!.JobState);
    }

    [Fact]
    public void RescueOrphans_LastAttempt_Fails()
    {
        var job = _queue.Enqueue(maxAttempts: 1);
        Store.TryClaim(job.Id, JobState.Working, "other", Lease);
        var outcome = Store.RescueOrphans(Me, includeUnexpired: true);
        Assert.Equal(JobState.Failed, Store.Get(job.Id)!.JobState);
        Assert.Equal([job.Id], outcome.Failed);
        Assert.Equal(0, outcome.Requeued);
    }

    [Fact]
    public async Task TryCreate_FiftyConcurrentAtALimitOfTen_StoresExactlyTen()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Store.TryCreate(new NewJob(_queue.Ids.Next(), "a", "json", null, "https://x/y", "la", $"key-{i}", null, 5, null), maxQueued: 10),
            TestContext.Current.CancellationToken)));
        Assert.Equal(10, outcomes.Count(o => o.Created));
        Assert.All(outcomes.Where(o => !o.Created), o => Assert.Null(o.Job)); // refused: the queue was full
        Assert.Equal(10, Store.CountQueued());

        var stored = outcomes.First(o => o.Created).Job!; // a stored key answers with its job, full queue or not
        var repeat = Store.TryCreate(new NewJob(_queue.Ids.Next(), "a", "json", null, "https://x/y", "la", stored.IdempotencyKey, null, 5, null), maxQueued: 10);
        Assert.Equal((stored.Id, false), (repeat.Job?.Id, repeat.Created));
    }

    [Fact]
    public void RescueOrphans_SecondCrash_FailsAsCrashedWorker()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "first-process", Lease);
        Assert.Equal(1, Store.RescueOrphans(Me, includeUnexpired: true, maxCrashes: 2).Requeued);
        Assert.Equal(1, Store.Get(job.Id)!.Crashes);

        Store.TryClaim(job.Id, JobState.Working, "second-process", Lease);
        var outcome = Store.RescueOrphans(Me, includeUnexpired: true, maxCrashes: 2);
        Assert.Equal([job.Id], outcome.Crashed);
        var failed = Store.Get(job.Id)!;
        Assert.Equal(JobState.Failed, failed.JobState);
        Assert.StartsWith("crashed_worker: ", failed.LastError);
        Assert.Equal(2, failed.Crashes);

        Assert.True(Store.TryRequeue(job.Id)); // an operator's retry starts the count afresh
        Assert.Equal(0, Store.Get(job.Id)!.Crashes);
    }

    [Fact]
    public void Heartbeat_ExtendsLease()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, "other", Lease);
        _queue.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(Store.Heartbeat(job.Id, "other", Lease));
        _queue.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, Store.RescueOrphans(Me, includeUnexpired: false).Total);
        Assert.False(Store.Heartbeat(job.Id, Me, Lease));
    }

    [Fact]
    public void TryRetry_KeepsPlaceInLineAndWaitsForBackoff()
    {
        var first = _queue.Enqueue("a");
        _queue.Time.Advance(TimeSpan.FromSeconds(1));
        var second = _queue.Enqueue("a");
        Store.TryClaim(first.Id, JobState.Working, Me, Lease);
        Assert.True(Store.TryRetry(first.Id, Me, "IOException: flaky", _queue.Time.GetUtcNow().AddSeconds(10)));

        Assert.Equal(second.Id, Assert.Single(Store.QueueHeads()).JobId); // first is in backoff
        _queue.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(first.Id, Assert.Single(Store.QueueHeads()).JobId); // and then first again, by creation time
        Assert.Equal(1, Store.Position(Store.Get(first.Id)!));
    }

    [Fact]
    public void QueueHeads_OneOldestPerModel()
    {
        var a1 = _queue.Enqueue("a");
        var b1 = _queue.Enqueue("b");
        _queue.Enqueue("a");
        _queue.Enqueue("c");
        var heads = Store.QueueHeads().ToDictionary(h => h.Model, h => h.JobId);
        Assert.Equal(3, heads.Count);
        Assert.Equal(a1.Id, heads["a"]);
        Assert.Equal(b1.Id, heads["b"]);
    }

    [Fact]
    public void ClaimNext_PrefersResidentModelAndMarksLoadingOnlyForOthers()
    {
        var b = _queue.Enqueue("b");
        var a = _queue.Enqueue("a");
        var first = Store.ClaimNext("a", TimeSpan.FromMinutes(2), Me, Lease)!;
        Assert.Equal(a.Id, first.Id);
        Assert.Equal(JobState.Working, first.JobState);
        var second = Store.ClaimNext("a", TimeSpan.FromMinutes(2), Me, Lease)!;
        Assert.Equal(b.Id, second.Id);
        Assert.Equal(JobState.Loading, second.JobState);
        Assert.Null(Store.ClaimNext("a", TimeSpan.FromMinutes(2), Me, Lease));
    }

    [Fact]
    public void TryCompleteAndClaimNext_CompletesAndClaimsTheNextJobInOneStep()
    {
        var first = _queue.Enqueue("a");
        var other = _queue.Enqueue("b");
        var second = _queue.Enqueue("a");
        Store.ClaimNext("a", TimeSpan.FromMinutes(2), Me, Lease);

        var (completed, next) = Store.TryCompleteAndClaimNext(first.Id, Me, "{}", "a", TimeSpan.FromMinutes(2), Lease);

        Assert.True(completed);
        Assert.Equal(JobState.Done, Store.Get(first.Id)!.JobState);
        Assert.Equal(second.Id, next!.Id); // the resident model's job, though b's is older
        Assert.Equal(JobState.Working, next.JobState);
        Assert.Equal(JobState.Queued, Store.Get(other.Id)!.JobState);
    }

    [Fact]
    public void TryCompleteAndClaimNext_StaleWorker_NeitherCompletesNorClaims()
    {
        var job = _queue.Enqueue("a");
        var waiting = _queue.Enqueue("a");
        Store.ClaimNext("a", TimeSpan.FromMinutes(2), "old-worker", Lease);
        Store.RescueOrphans(Me, includeUnexpired: true);

        var (completed, next) = Store.TryCompleteAndClaimNext(job.Id, "old-worker", "{}", "a", TimeSpan.FromMinutes(2), Lease);

        Assert.False(completed);
        Assert.Null(next);
        Assert.Equal(JobState.Queued, Store.Get(waiting.Id)!.JobState);
    }

    [Fact]
    public async Task ClaimNext_ManyNodesOnOneModel_EachTakesADifferentJob()
    {
        var jobs = Enumerable.Range(0, 8).Select(_ => _queue.Enqueue()).ToList();
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.ClaimNext("a", TimeSpan.FromMinutes(2), $"node-{i}", Lease), TestContext.Current.CancellationToken)));
        Assert.All(claims, Assert.NotNull);
        Assert.Equal(jobs.Select(j => j.Id).Order(), claims.Select(c => c!.Id).Order());
        Assert.Equal(0, Store.CountQueued());
    }

    [Fact]
    public void TryCancel_OnlyQueued()
    {
        var queued = _queue.Enqueue();
        var running = _queue.Enqueue();
        Store.TryClaim(running.Id, JobState.Working, Me, Lease);
        Assert.True(Store.TryCancel(queued.Id));
        Assert.False(Store.TryCancel(running.Id));
        Assert.Equal(JobState.Cancelled, Store.Get(queued.Id)!.JobState);
    }

    [Fact]
    public void TryRequeue_FailedJob_QueuesSameIdWithFreshAttempts()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, Me, Lease);
        Store.TryFail(job.Id, Me, "bad");
        Assert.True(Store.TryRequeue(job.Id));
        var again = Store.Get(job.Id)!;
        Assert.Equal(JobState.Queued, again.JobState);
        Assert.Equal(0, again.Attempt);
        Assert.Null(again.FinishedAt);
    }

    [Fact]
    public void TryRelease_DoesNotCountTheAttempt()
    {
        var job = _queue.Enqueue();
        Store.TryClaim(job.Id, JobState.Working, Me, Lease);
        Assert.True(Store.TryRelease(job.Id, Me));
        Assert.Equal(0, Store.Get(job.Id)!.Attempt);
    }

    [Fact]
    public void ExpireOverdue_FailsQueuedJobsPastDeadline()
    {
        var job = _queue.Enqueue(deadline: _queue.Time.GetUtcNow().AddMinutes(1));
        Assert.Equal(0, Store.ExpireOverdue());
        _queue.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, Store.ExpireOverdue());
        var expired = Store.Get(job.Id)!;
        Assert.Equal(JobState.Failed, expired.JobState);
        Assert.StartsWith("expired", expired.LastError);
    }

    [Fact]
    public void List_PagesWithAfterCursor()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => _queue.Enqueue().Id).Order().ToList();
        var page1 = Store.List(null, null, null, 2);
        var page2 = Store.List(null, null, page1[^1].Id, 2);
        var page3 = Store.List(null, null, page2[^1].Id, 2);
        Assert.Equal(ids, page1.Concat(page2).Concat(page3).Select(j => j.Id));
    }
}

public sealed class SqliteJobStoreTests() : JobStoreTests(QueueFixture.Sqlite())
{
    protected override string StateCheck(DbConnection connection)
    {
        var ddl = connection.ExecuteScalar<string>("SELECT sql FROM sqlite_master WHERE name = 'jobs'")!;
        var check = ddl[ddl.IndexOf("state IN (", StringComparison.Ordinal)..];
        return check[..check.IndexOf(')')];
    }
}

public sealed class PostgresJobStoreTests(PostgresCluster cluster) : JobStoreTests(QueueFixture.Postgres(cluster))
{
    protected override string StateCheck(DbConnection connection) =>
        connection.ExecuteScalar<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'jobs_state_check'")!;
}

public class JobIdsTests
{
    [Fact]
    public void Next_SameMillisecond_StrictlyIncreasing()
    {
        var ids = new JobIds(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next()).ToList();
        Assert.Equal(made, made.Order(StringComparer.Ordinal));
        Assert.Equal(made.Count, made.Distinct().Count());
    }
}
