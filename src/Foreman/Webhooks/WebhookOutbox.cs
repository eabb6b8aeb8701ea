using Foreman.Queue;

namespace Foreman.Webhooks;

/// <summary>
/// The webhook outbox in the queue's database (<c>webhook_deliveries</c>, filled by <see cref="SqlJobStore"/> in the
/// transaction that ends a job). A delivery is claimed with a compare-and-set on its claim, so of several nodes only one
/// POSTs it at a time; its outcome is written only by the node that holds the claim, and a delivered row is never
/// claimed again. Delivered and abandoned deliveries are recorded in the job's history.
/// </summary>
public sealed class WebhookOutbox(IQueueDatabase database, TimeProvider time)
{
    public const string DeliveredEvent = "webhook_delivered";
    public const string FailedEvent = "webhook_failed";

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Claims up to <paramref name="limit"/> due deliveries for <paramref name="node"/> and counts their attempt.</summary>
    public IReadOnlyList<WebhookDelivery> ClaimDue(string node, TimeSpan claimFor, int limit)
    {
        var now = Now;
        return database.Write(write =>
        {
            // Nodes claiming at once take different rows, instead of all reading the same oldest ones and all but one
            // coming away with less than they could have had.
            var due = write.Query<(string JobId, long Seq)>($"""
                SELECT job_id, seq FROM webhook_deliveries
                WHERE state = 'pending' AND next_attempt_at <= @now AND (claim_expires_at IS NULL OR claim_expires_at <= @now)
                ORDER BY next_attempt_at LIMIT @limit {database.SkipRowsOthersClaim}
                """, new { now, limit });
            var claimed = new List<WebhookDelivery>();
            foreach (var (jobId, seq) in due)
            {
                // Guarded again: another node may have claimed it since the read (PostgreSQL re-checks after the row lock).
                var won = write.Execute("""
                    UPDATE webhook_deliveries
                    SET claimed_by = @node, claim_expires_at = @now + @claimMs, attempts = attempts + 1
                    WHERE job_id = @jobId AND seq = @seq AND state = 'pending' AND (claim_expires_at IS NULL OR claim_expires_at <= @now)
                    """, new { node, now, claimMs = (long)claimFor.TotalMilliseconds, jobId, seq }) == 1;
                if (!won) continue;
                var delivery = write.QuerySingleOrDefault<WebhookDelivery>("""
                    SELECT d.job_id, d.seq, d.url, d.job_state, d.job_attempt, d.job_error, d.created_at, d.attempts,
                           j.model, j.format, j.max_attempts, j.created_at AS job_created_at, j.started_at, j.deadline_at
                    FROM webhook_deliveries AS d JOIN jobs AS j ON j.id = d.job_id
                    WHERE d.job_id = @jobId AND d.seq = @seq
                    """, new { jobId, seq });
                if (delivery is not null) claimed.Add(delivery);
            }
            return claimed;
        });
    }

    /// <summary>pending → delivered, after a 2xx. False when <paramref name="node"/> no longer holds the claim.</summary>
    public bool MarkDelivered(WebhookDelivery delivery, string node) =>
        Finish(delivery, node, "delivered", error: null, DeliveredEvent);

    /// <summary>pending → failed: a permanent refusal, or retries ran out.</summary>
    public bool MarkFailed(WebhookDelivery delivery, string node, string error) =>
        Finish(delivery, node, "failed", error, FailedEvent);

    /// <summary>Releases the claim and schedules the next try at <paramref name="nextAttempt"/>.</summary>
    public bool Reschedule(WebhookDelivery delivery, string node, DateTimeOffset nextAttempt, string error) =>
        database.Write(write => write.Execute("""
            UPDATE webhook_deliveries
            SET next_attempt_at = @next, last_error = @error, claimed_by = NULL, claim_expires_at = NULL
            WHERE job_id = @JobId AND seq = @Seq AND state = 'pending' AND claimed_by = @node
            """, new { delivery.JobId, delivery.Seq, node, next = nextAttempt.ToUnixTimeMilliseconds(), error }) == 1);

    /// <summary>
    /// Drops every claim: at the start of a process that is the database's only user (SQLite), claims left by a
    /// killed process need not wait for their expiry.
    /// </summary>
    public int ReleaseAllClaims() =>
        database.Write(write => write.Execute(
            "UPDATE webhook_deliveries SET claimed_by = NULL, claim_expires_at = NULL WHERE state = 'pending' AND claimed_by IS NOT NULL"));

    private bool Finish(WebhookDelivery delivery, string node, string state, string? error, string eventName)
    {
        var now = Now;
        return database.Write(write =>
        {
            var changed = write.Execute("""
                UPDATE webhook_deliveries
                SET state = @state, finished_at = @now, last_error = @error, claimed_by = NULL, claim_expires_at = NULL
                WHERE job_id = @JobId AND seq = @Seq AND state = 'pending' AND claimed_by = @node
                """, new { delivery.JobId, delivery.Seq, node, state, now, error }) == 1;
            if (changed) RecordEvent(write, delivery.JobId, eventName, now, error);
            return changed;
        });
    }

    /// <summary>The delivery's outcome in the job's history, after its other events.</summary>
    private static void RecordEvent(IQueueWrite write, string jobId, string state, long at, string? error)
    {
        var counters = write.QuerySingleOrDefault<(long Events, long Attempt)>(
            "UPDATE jobs SET events = events + 1 WHERE id = @jobId RETURNING events, attempt", new { jobId });
        write.Execute("INSERT INTO job_events (job_id, seq, state, at, attempt, error) VALUES (@jobId, @seq, @state, @at, @attempt, @error)",
            new { jobId, seq = counters.Events, state, at, attempt = counters.Attempt, error });
    }
}
