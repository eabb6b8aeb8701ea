using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;
using Foreman.Webhooks;

namespace Foreman.Tests.Webhooks;

/// <summary>
/// The outbox's contract on every provider: a row in the transaction that ends a job with a callback, claims that
/// exclude each other across nodes, outcomes written only by the claim's holder. See the two sealed classes below.
/// </summary>
public abstract class WebhookOutboxTests(QueueFixture queue) : IDisposable
{
    private readonly QueueFixture _queue = queue;
    private readonly WebhookOutbox _outbox = new(queue.Database, queue.Time);
    protected QueueFixture Queue => _queue;
    protected WebhookOutbox Outbox => _outbox;
    protected IJobStore Store => _queue.Store;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    protected static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(20);

    public void Dispose() => _queue.Dispose();

    protected JobRecord Enqueue(string? callbackUrl = "https://hooks.example.com/done") =>
        Store.Create(new NewJob(_queue.Ids.Next(), "a", "json", "/nowhere.wav", null, "la", null, null, 5, null, CallbackUrl: callbackUrl)).Job;

    private JobRecord Run(JobRecord job) => Store.TryClaim(job.Id, JobState.Working, "worker", Lease)!;

    private long Deliveries(string? state = null)
    {
        using var connection = _queue.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM webhook_deliveries WHERE @state IS NULL OR state = @state", new { state });
    }

    [Fact]
    public void EveryEnding_OfAJobWithACallback_WritesOneDelivery()
    {
        var done = Run(Enqueue());
        Assert.True(Store.TryComplete(done.Id, "worker", "{}"));
        var failed = Run(Enqueue());
        Assert.True(Store.TryFail(failed.Id, "worker", "bad input"));
        Assert.True(Store.TryCancel(Enqueue().Id));
        Assert.Equal(3, Deliveries("pending"));

        var claimed = _outbox.ClaimDue("node-1", ClaimFor, 10);
        Assert.Equal(["cancelled", "done", "failed"], claimed.Select(d => d.JobState).Order());
        var failure = claimed.Single(d => d.JobState == "failed");
        Assert.Equal("bad input", failure.JobError);
        Assert.Equal(1, failure.JobAttempt);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal("a", failure.Model);
        Assert.Equal("https://hooks.example.com/done", failure.Url);
    }

    [Fact]
    public void JobWithoutCallback_WritesNoDelivery_AndTransitionsThatDoNotEndWriteNone()
    {
        var plain = Run(Enqueue(callbackUrl: null));
        Assert.True(Store.TryComplete(plain.Id, "worker", "{}"));
        var retried = Run(Enqueue());
        Assert.True(Store.TryRetry(retried.Id, "worker", "flaky", _queue.Time.GetUtcNow()));
        Assert.Equal(0, Deliveries());
    }

    [Fact]
    public void RequeuedJob_EndingAgain_IsASecondDeliveryWithItsOwnId()
    {
        var job = Run(Enqueue());
        Assert.True(Store.TryFail(job.Id, "worker", "first"));
        Assert.True(Store.TryRequeue(job.Id));
        Run(job);
        Assert.True(Store.TryComplete(job.Id, "worker", "{}"));

        var claimed = _outbox.ClaimDue("node-1", ClaimFor, 10);
        Assert.Equal(2, claimed.Count);
        Assert.Equal(2, claimed.Select(d => d.MessageId).Distinct().Count());
        Assert.Equal(["done", "failed"], claimed.Select(d => d.JobState).Order());
    }

    [Fact]
    public void Claimed_IsNotClaimedAgainUntilItsClaimExpires()
    {
        Assert.True(Store.TryCancel(Enqueue().Id));
        var mine = Assert.Single(_outbox.ClaimDue("node-1", ClaimFor, 10));
        Assert.Empty(_outbox.ClaimDue("node-2", ClaimFor, 10));

        _queue.Time.Advance(ClaimFor); // node-1 died mid-POST
        var theirs = Assert.Single(_outbox.ClaimDue("node-2", ClaimFor, 10));
        Assert.Equal(2, theirs.Attempts);
        Assert.False(_outbox.MarkDelivered(mine, "node-1")); // the stale holder cannot settle it
        Assert.True(_outbox.MarkDelivered(theirs, "node-2"));
        Assert.Equal(1, Deliveries("delivered"));

        _queue.Time.Advance(TimeSpan.FromDays(2));
        Assert.Empty(_outbox.ClaimDue("node-3", ClaimFor, 10)); // delivered is never sent again
        Assert.Equal(WebhookOutbox.DeliveredEvent, Store.Events(mine.JobId)[^1].State);
    }

    [Fact]
    public void Rescheduled_IsDueAgainAtItsTime()
    {
        Assert.True(Store.TryCancel(Enqueue().Id));
        var first = Assert.Single(_outbox.ClaimDue("node-1", ClaimFor, 10));
        Assert.True(_outbox.Reschedule(first, "node-1", _queue.Time.GetUtcNow().AddSeconds(5), "answered 503"));
        Assert.Empty(_outbox.ClaimDue("node-1", ClaimFor, 10));
        _queue.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, Assert.Single(_outbox.ClaimDue("node-1", ClaimFor, 10)).Attempts);
    }

    [Fact]
    public async Task ConcurrentNodes_ClaimEachDeliveryOnce()
    {
        for (var i = 0; i < 40; i++) Assert.True(Store.TryCancel(Enqueue().Id));
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(() =>
        {
            var mine = new List<string>();
            for (var batch = 0; batch < 10; batch++) mine.AddRange(_outbox.ClaimDue($"node-{n}", ClaimFor, 3).Select(d => d.MessageId));
            return mine;
        })));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct().Count());
    }
}

public sealed class SqliteWebhookOutboxTests() : WebhookOutboxTests(QueueFixture.Sqlite());

public sealed class PostgresWebhookOutboxTests(PostgresCluster cluster) : WebhookOutboxTests(QueueFixture.Postgres(cluster))
{
    [Fact]
    public async Task ClaimDue_WhileAnotherNodeHoldsTheOldestRows_TakesTheNextOnesWithoutWaiting()
    {
        for (var i = 0; i < 6; i++) Assert.True(Store.TryCancel(Enqueue().Id));
        using var other = Queue.Database.Open();
        using var transaction = other.BeginTransaction();
        var held = other.Query<(string JobId, long Seq)>(
            "SELECT job_id, seq FROM webhook_deliveries ORDER BY next_attempt_at LIMIT 3 FOR UPDATE", transaction: transaction).ToList();

        var claim = Task.Run(() => Outbox.ClaimDue("node-2", ClaimFor, 3));
        var finished = await Task.WhenAny(claim, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)) == claim;
        transaction.Rollback();
        var claimed = await claim;

        Assert.True(finished, "the claim waited for the rows another node holds");
        Assert.Equal(3, claimed.Count);
        Assert.DoesNotContain(claimed, delivery => held.Contains((delivery.JobId, delivery.Seq)));
    }
}
