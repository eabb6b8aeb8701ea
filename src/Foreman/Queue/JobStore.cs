using Dapper;
using Microsoft.Data.Sqlite;

namespace Foreman.Queue;

/// <summary>
/// The durable queue on SQLite. Every state change is a compare-and-set on the expected state (and, for running jobs,
/// the lease owner) written together with its history event in one transaction, so a stale worker cannot overwrite
/// a newer state and no transition is ever half-recorded.
/// </summary>
public sealed class JobStore(SqliteDatabase database, TimeProvider time)
{
    private const string Running = "state IN ('loading', 'working')";

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Stores a new queued job, or returns the one already stored under the same idempotency key.</summary>
    public (JobRecord Job, bool Created) Create(NewJob job)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = Now;
        var created = connection.QuerySingleOrDefault<JobRecord>("""
            INSERT INTO jobs (id, state, model, format, audio_path, audio_url, lyrics, idempotency_key, keep_alive_ms,
                              attempt, max_attempts, created_at, not_before, deadline_at)
            VALUES (@Id, 'queued', @Model, @Format, @AudioPath, @AudioUrl, @Lyrics, @IdempotencyKey, @KeepAliveMs,
                    0, @MaxAttempts, @Now, @Now, @DeadlineAt)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING *
            """,
            new
            {
                job.Id, job.Model, job.Format, job.AudioPath, job.AudioUrl, job.Lyrics, job.IdempotencyKey,
                KeepAliveMs = (long?)job.KeepAlive?.TotalMilliseconds, job.MaxAttempts, Now = now,
                DeadlineAt = job.Deadline?.ToUnixTimeMilliseconds(),
            },
            transaction);
        if (created is null)
        {
            var existing = connection.QuerySingle<JobRecord>(
                "SELECT * FROM jobs WHERE idempotency_key = @IdempotencyKey", new { job.IdempotencyKey }, transaction);
            return (existing, false);
        }
        RecordEvent(connection, transaction, job.Id, JobState.Queued, now, 0, error: null);
        transaction.Commit();
        return (created, true);
    }

    public JobRecord? Get(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>("SELECT * FROM jobs WHERE id = @id", new { id });
    }

    public JobRecord? GetByIdempotencyKey(string key)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<JobRecord>("SELECT * FROM jobs WHERE idempotency_key = @key", new { key });
    }

    public IReadOnlyList<JobEvent> Events(string id)
    {
        using var connection = database.Open();
        return connection.Query<JobEvent>("SELECT * FROM job_events WHERE job_id = @id ORDER BY seq", new { id }).AsList();
    }

    /// <summary>Jobs in creation order, filtered, after the cursor <paramref name="after"/> (a job id).</summary>
    public IReadOnlyList<JobRecord> List(JobState? state, string? model, string? after, int limit)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>("""
            SELECT * FROM jobs
            WHERE (@State IS NULL OR state = @State) AND (@Model IS NULL OR model = @Model) AND (@After IS NULL OR id > @After)
            ORDER BY id LIMIT @Limit
            """, new { State = state?.Name(), Model = model, After = after, Limit = limit }).AsList();
    }

    /// <summary>Newest jobs first, for the dashboard.</summary>
    public IReadOnlyList<JobRecord> Recent(int limit)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>("SELECT * FROM jobs ORDER BY id DESC LIMIT @limit", new { limit }).AsList();
    }

    /// <summary>1-based place in line of a queued job, in creation order across all models.</summary>
    public long Position(JobRecord job)
    {
        using var connection = database.Open();
        return 1 + connection.ExecuteScalar<long>("""
            SELECT COUNT(*) FROM jobs
            WHERE state = 'queued' AND (created_at < @CreatedAt OR (created_at = @CreatedAt AND id < @Id))
            """, new { job.CreatedAt, job.Id });
    }

    public IReadOnlyDictionary<JobState, long> CountByState()
    {
        using var connection = database.Open();
        var counts = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0L);
        foreach (var (state, count) in connection.Query<(string, long)>("SELECT state, COUNT(*) FROM jobs GROUP BY state"))
            counts[JobStates.Parse(state)] = count;
        return counts;
    }

    public long CountQueued(string? model = null)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM jobs WHERE state = 'queued' AND (@model IS NULL OR model = @model)", new { model });
    }

    /// <summary>Jobs the worker finished (done or failed) since <paramref name="since"/>, from the history: the recent throughput.</summary>
    public long CountFinishedSince(DateTimeOffset since)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM job_events WHERE at >= @since AND state IN ('done', 'failed')", new { since = since.ToUnixTimeMilliseconds() });
    }

    /// <summary>Creation time (Unix ms) of the oldest queued job, or null when none waits.</summary>
    public long? OldestQueuedAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT MIN(created_at) FROM jobs WHERE state = 'queued'");
    }

    /// <summary>
    /// The oldest eligible queued job of each model (backoff elapsed). A skip-scan over the claim index:
    /// cost grows with the number of models, not with the queue's length.
    /// </summary>
    public IReadOnlyList<QueueHead> QueueHeads()
    {
        using var connection = database.Open();
        return connection.Query<QueueHead>("""
            WITH RECURSIVE models(model) AS (
                SELECT MIN(model) FROM jobs WHERE state = 'queued'
                UNION ALL
                SELECT (SELECT MIN(model) FROM jobs WHERE state = 'queued' AND model > models.model)
                FROM models WHERE models.model IS NOT NULL
            )
            SELECT head.id AS JobId, head.model AS Model, head.created_at AS CreatedAt
            FROM models
            JOIN jobs AS head ON head.id = (
                SELECT id FROM jobs
                WHERE state = 'queued' AND model = models.model AND not_before <= @Now
                ORDER BY created_at, id LIMIT 1)
            """, new { Now }).AsList();
    }

    /// <summary>Earliest time (Unix ms) a queued job in backoff becomes eligible, so an idle worker knows when to look again.</summary>
    public long? NextEligibleAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT MIN(not_before) FROM jobs WHERE state = 'queued'");
    }

    /// <summary>queued → loading|working: takes the job with a lease and counts an attempt. Null when it is no longer queued.</summary>
    public JobRecord? TryClaim(string id, JobState runningState, string owner, TimeSpan lease)
    {
        if (!runningState.IsRunning()) throw new ArgumentOutOfRangeException(nameof(runningState));
        return Transition(id, runningState, "state = 'queued'", """
            attempt = attempt + 1, lease_owner = @Owner, lease_expires_at = @Now + @LeaseMs,
            started_at = COALESCE(started_at, @Now)
            """, new { Owner = owner, LeaseMs = (long)lease.TotalMilliseconds }, error: null);
    }

    /// <summary>loading → working, once the model is resident.</summary>
    public bool TryStartWorking(string id, string owner) =>
        Transition(id, JobState.Working, "state = 'loading' AND lease_owner = @Owner", "", new { Owner = owner }, null) is not null;

    /// <summary>Extends the lease of a running job; false when the worker no longer owns it.</summary>
    public bool Heartbeat(string id, string owner, TimeSpan lease)
    {
        using var connection = database.Open();
        return connection.Execute(
            $"UPDATE jobs SET lease_expires_at = @Now + @LeaseMs WHERE id = @id AND {Running} AND lease_owner = @owner",
            new { id, owner, Now, LeaseMs = (long)lease.TotalMilliseconds }) == 1;
    }

    /// <summary>working → done with the result. False for a stale worker that no longer owns the job.</summary>
    public bool TryComplete(string id, string owner, string resultJson) =>
        Transition(id, JobState.Done, "state = 'working' AND lease_owner = @Owner",
            "finished_at = @Now, result_json = @ResultJson, last_error = NULL, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, ResultJson = resultJson }, null) is not null;

    /// <summary>loading|working → queued after a transient error; keeps its place in line, eligible again at <paramref name="notBefore"/>.</summary>
    public bool TryRetry(string id, string owner, string error, DateTimeOffset notBefore) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "not_before = @NotBefore, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, NotBefore = notBefore.ToUnixTimeMilliseconds(), Error = error }, error) is not null;

    /// <summary>loading|working → failed with the error.</summary>
    public bool TryFail(string id, string owner, string error) =>
        Transition(id, JobState.Failed, $"{Running} AND lease_owner = @Owner",
            "finished_at = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, Error = error }, error) is not null;

    /// <summary>
    /// loading|working → queued without counting the attempt: the worker is shutting down and hands the job back
    /// untouched, so the next start runs it as if nothing happened.
    /// </summary>
    public bool TryRelease(string id, string owner) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "attempt = attempt - 1, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner }, "released at shutdown") is not null;

    /// <summary>queued → cancelled, by a user.</summary>
    public bool TryCancel(string id) =>
        Transition(id, JobState.Cancelled, "state = 'queued'", "finished_at = @Now", new { }, null) is not null;

    /// <summary>failed|cancelled → queued, by an operator: same id, attempts counted afresh.</summary>
    public bool TryRequeue(string id) =>
        Transition(id, JobState.Queued, "state IN ('failed', 'cancelled')",
            "attempt = 0, not_before = @Now, finished_at = NULL, last_error = NULL", new { }, null) is not null;

    /// <summary>queued → failed for jobs whose deadline passed before they started.</summary>
    public int ExpireOverdue()
    {
        var overdue = QueryIds("SELECT id FROM jobs WHERE state = 'queued' AND deadline_at IS NOT NULL AND deadline_at <= @Now", new { Now });
        return overdue.Count(id => Transition(id, JobState.Failed, "state = 'queued'", "finished_at = @Now, last_error = @Error",
            new { Error = "expired: the job's deadline passed before it started" }, "expired") is not null);
    }

    /// <summary>
    /// Takes back jobs whose worker is gone: running jobs not owned by <paramref name="owner"/> whose lease expired, or all of
    /// them when <paramref name="includeUnexpired"/> (at start-up the only live worker of this database is us). Each goes back
    /// to the queue with its attempt kept, or fails when that was its last attempt.
    /// </summary>
    public int RescueOrphans(string owner, bool includeUnexpired)
    {
        var orphans = new List<(string Id, string LeaseOwner, long Attempt, long MaxAttempts)>();
        using (var connection = database.Open())
        {
            orphans.AddRange(connection.Query<(string, string, long, long)>($"""
                SELECT id, lease_owner, attempt, max_attempts FROM jobs
                WHERE {Running} AND lease_owner <> @owner AND (@includeUnexpired OR lease_expires_at <= @Now)
                """, new { owner, includeUnexpired, Now }));
        }
        var rescued = 0;
        foreach (var (id, leaseOwner, attempt, maxAttempts) in orphans)
        {
            var error = $"worker {leaseOwner} stopped during attempt {attempt}";
            var guard = $"{Running} AND lease_owner = @LeaseOwner";
            var args = new { LeaseOwner = leaseOwner, Error = error };
            var moved = attempt >= maxAttempts
                ? Transition(id, JobState.Failed, guard, "finished_at = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL", args, error)
                : Transition(id, JobState.Queued, guard, "not_before = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL", args, error);
            if (moved is not null) rescued++;
        }
        return rescued;
    }

    private List<string> QueryIds(string sql, object args)
    {
        using var connection = database.Open();
        return connection.Query<string>(sql, args).AsList();
    }

    /// <summary>One guarded transition and its event, atomically. Returns the updated row, or null when the guard did not hold.</summary>
    private JobRecord? Transition(string id, JobState to, string guard, string set, object args, string? error)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var now = Now;
        var parameters = new DynamicParameters(args);
        parameters.Add("Id", id);
        parameters.Add("To", to.Name());
        parameters.Add("Now", now);
        var assignments = string.IsNullOrWhiteSpace(set) ? "state = @To" : $"state = @To, {set}";
        var row = connection.QuerySingleOrDefault<JobRecord>(
            $"UPDATE jobs SET {assignments} WHERE id = @Id AND {guard} RETURNING *", parameters, transaction);
        if (row is null) return null;
        RecordEvent(connection, transaction, id, to, now, row.Attempt, error);
        transaction.Commit();
        return row;
    }

    private static void RecordEvent(SqliteConnection connection, SqliteTransaction transaction, string id, JobState state, long at, long attempt, string? error) =>
        connection.Execute(
            "INSERT INTO job_events (job_id, state, at, attempt, error) VALUES (@id, @State, @at, @attempt, @error)",
            new { id, State = state.Name(), at, attempt, error }, transaction);
}
