using System.Data.Common;
using Dapper;

namespace Foreman.Queue;

/// <summary>
/// The durable queue (<see cref="IJobStore"/>) in SQL that SQLite and PostgreSQL both speak. A provider adds only what
/// differs: how a claim keeps off a row another node is claiming, and how other nodes learn that a job became queued.
/// </summary>
public abstract class SqlJobStore(IQueueDatabase database, TimeProvider time) : IJobStore
{
    private const string Running = "state IN ('loading', 'working')";

    public abstract bool SharedByNodes { get; }

    /// <summary>The guard of <see cref="TryClaim"/>: the job (<c>@Id</c>) is still queued.</summary>
    protected abstract string ClaimGuard { get; }

    /// <summary>
    /// Called inside every transaction that makes a job queued (submit, retry, rescue, release, requeue), so idle workers
    /// of other nodes look again once it commits.
    /// </summary>
    protected abstract void AnnounceQueued(DbConnection connection, DbTransaction transaction);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

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
        AnnounceQueued(connection, transaction);
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

    public IReadOnlyList<JobRecord> List(JobState? state, string? model, string? after, int limit)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>("""
            SELECT * FROM jobs
            WHERE (@State IS NULL OR state = @State) AND (@Model IS NULL OR model = @Model) AND (@After IS NULL OR id > @After)
            ORDER BY id LIMIT @Limit
            """, new { State = state?.Name(), Model = model, After = after, Limit = limit }).AsList();
    }

    public IReadOnlyList<JobRecord> Recent(int limit)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>("SELECT * FROM jobs ORDER BY id DESC LIMIT @limit", new { limit }).AsList();
    }

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

    public long? OldestQueuedAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT MIN(created_at) FROM jobs WHERE state = 'queued'");
    }

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

    public long? NextEligibleAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT MIN(not_before) FROM jobs WHERE state = 'queued'");
    }

    public JobRecord? TryClaim(string id, JobState runningState, string owner, TimeSpan lease)
    {
        if (!runningState.IsRunning()) throw new ArgumentOutOfRangeException(nameof(runningState));
        return Transition(id, runningState, ClaimGuard, """
            attempt = attempt + 1, lease_owner = @Owner, lease_expires_at = @Now + @LeaseMs,
            started_at = COALESCE(started_at, @Now)
            """, new { Owner = owner, LeaseMs = (long)lease.TotalMilliseconds }, error: null);
    }

    public bool TryStartWorking(string id, string owner) =>
        Transition(id, JobState.Working, "state = 'loading' AND lease_owner = @Owner", "", new { Owner = owner }, null) is not null;

    public bool Heartbeat(string id, string owner, TimeSpan lease)
    {
        using var connection = database.Open();
        return connection.Execute(
            $"UPDATE jobs SET lease_expires_at = @Now + @LeaseMs WHERE id = @id AND {Running} AND lease_owner = @owner",
            new { id, owner, Now, LeaseMs = (long)lease.TotalMilliseconds }) == 1;
    }

    public bool TryComplete(string id, string owner, string resultJson) =>
        Transition(id, JobState.Done, "state = 'working' AND lease_owner = @Owner",
            "finished_at = @Now, result_json = @ResultJson, last_error = NULL, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, ResultJson = resultJson }, null) is not null;

    public bool TryRetry(string id, string owner, string error, DateTimeOffset notBefore) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "not_before = @NotBefore, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, NotBefore = notBefore.ToUnixTimeMilliseconds(), Error = error }, error) is not null;

    public bool TryFail(string id, string owner, string error) =>
        Transition(id, JobState.Failed, $"{Running} AND lease_owner = @Owner",
            "finished_at = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, Error = error }, error) is not null;

    public bool TryRelease(string id, string owner) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "attempt = attempt - 1, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner }, "released at shutdown") is not null;

    public bool TryCancel(string id) =>
        Transition(id, JobState.Cancelled, "state = 'queued'", "finished_at = @Now", new { }, null) is not null;

    public bool TryRequeue(string id) =>
        Transition(id, JobState.Queued, "state IN ('failed', 'cancelled')",
            "attempt = 0, not_before = @Now, finished_at = NULL, last_error = NULL", new { }, null) is not null;

    public int ExpireOverdue()
    {
        var overdue = QueryIds("SELECT id FROM jobs WHERE state = 'queued' AND deadline_at IS NOT NULL AND deadline_at <= @Now", new { Now });
        return overdue.Count(id => Transition(id, JobState.Failed, "state = 'queued'", "finished_at = @Now, last_error = @Error",
            new { Error = "expired: the job's deadline passed before it started" }, "expired") is not null);
    }

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
            // The expiry is checked again in the guard: a slow but live worker may have renewed its lease since the read.
            var guard = $"{Running} AND lease_owner = @LeaseOwner AND (@IncludeUnexpired OR lease_expires_at <= @Now)";
            var args = new { LeaseOwner = leaseOwner, IncludeUnexpired = includeUnexpired, Error = error };
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
        if (to == JobState.Queued) AnnounceQueued(connection, transaction);
        transaction.Commit();
        return row;
    }

    private static void RecordEvent(DbConnection connection, DbTransaction transaction, string id, JobState state, long at, long attempt, string? error) =>
        connection.Execute(
            "INSERT INTO job_events (job_id, state, at, attempt, error) VALUES (@id, @State, @at, @attempt, @error)",
            new { id, State = state.Name(), at, attempt, error }, transaction);
}
