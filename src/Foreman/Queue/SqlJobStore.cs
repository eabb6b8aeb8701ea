using Dapper;

namespace Foreman.Queue;

/// <summary>
/// The durable queue (<see cref="IJobStore"/>) in SQL that SQLite and PostgreSQL both speak. Writes go through
/// <see cref="IQueueDatabase.Write"/> (on SQLite, one connection with prepared statements). A provider adds only what
/// differs: how a claim keeps off a row another node is claiming, how other nodes learn that a job became queued, and
/// index hints.
/// </summary>
public abstract class SqlJobStore(IQueueDatabase database, TimeProvider time) : IJobStore
{
    private const string Running = "state IN ('loading', 'working')";

    public abstract bool SharedByNodes { get; }

    /// <summary>The guard of a claim: the job (<c>@Id</c>) is still queued.</summary>
    protected abstract string ClaimGuard { get; }

    /// <summary>
    /// Added to the condition on each model's head in <see cref="ClaimNext"/>: keeps off the jobs in <c>@Taken</c>, which
    /// this claim found held or taken by another node; or nothing, where a claim cannot lose after its pick.
    /// </summary>
    protected abstract string SkipTaken { get; }

    /// <summary>The <c>FROM</c> of the expiry scan: <c>jobs</c>, with the provider's hint to use <c>jobs_deadline</c>.</summary>
    protected abstract string ExpiryScan { get; }

    /// <summary>
    /// Called inside every transaction that makes a job queued (submit, retry, rescue, release, requeue), so idle workers
    /// of other nodes look again once it commits.
    /// </summary>
    protected abstract void AnnounceQueued(IQueueWrite write);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Makes concurrent <see cref="TryCreate"/> calls take turns for the rest of the transaction, so the count of queued
    /// jobs each one reads cannot be stale by the time it inserts.
    /// </summary>
    protected abstract void SerializeSubmits(IQueueWrite write);

    /// <summary>Stores a new queued job, or returns the one already stored under the same idempotency key.</summary>
    public (JobRecord Job, bool Created) Create(NewJob job)
    {
        var (stored, created) = TryCreate(job, long.MaxValue);
        return (stored!, created);
    }

    private const string InsertColumns = """
        INSERT INTO jobs (id, state, model, format, audio_path, audio_url, lyrics, idempotency_key, keep_alive_ms,
                          attempt, max_attempts, created_at, not_before, deadline_at, language, callback_url)
        """;

    private const string InsertUnlimited = InsertColumns + """

        VALUES (@Id, 'queued', @Model, @Format, @AudioPath, @AudioUrl, @Lyrics, @IdempotencyKey, @KeepAliveMs,
                0, @MaxAttempts, @Now, @Now, @DeadlineAt, @Language, @CallbackUrl)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING *
        """;

    // Counting the queued jobs costs one index entry per queued job, so only a submit that has a limit pays it.
    private const string InsertBelowLimit = InsertColumns + """

        SELECT @Id, 'queued', @Model, @Format, @AudioPath, @AudioUrl, @Lyrics, @IdempotencyKey, @KeepAliveMs,
               0, @MaxAttempts, @Now, @Now, @DeadlineAt, @Language, @CallbackUrl
        WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE state = 'queued' LIMIT @MaxQueued) AS queued) < @MaxQueued
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING *
        """;

    /// <summary>
    /// Inserts the job only while fewer than <paramref name="maxQueued"/> are queued (<c>INSERT ... SELECT ... WHERE</c>),
    /// with submits serialized: the limit holds under any number of concurrent submitters. The count stops at the limit,
    /// so a full queue costs no more to check than one at the limit.
    /// </summary>
    public (JobRecord? Job, bool Created) TryCreate(NewJob job, long maxQueued)
    {
        var now = Now;
        return database.Write(write =>
        {
            var limited = maxQueued < long.MaxValue;
            if (limited) SerializeSubmits(write);
            var row = write.QuerySingleOrDefault<JobRecord>(limited ? InsertBelowLimit : InsertUnlimited,
                new
                {
                    job.Id, job.Model, job.Format, job.AudioPath, job.AudioUrl, job.Lyrics, job.IdempotencyKey,
                    KeepAliveMs = (long?)job.KeepAlive?.TotalMilliseconds, job.MaxAttempts, Now = now,
                    DeadlineAt = job.Deadline?.ToUnixTimeMilliseconds(), job.Language, job.CallbackUrl, MaxQueued = maxQueued,
                });
            if (row is null)
            {
                // Either the key is taken (answer with that job) or the queue is full.
                var existing = job.IdempotencyKey is null ? null
                    : write.QuerySingleOrDefault<JobRecord>("SELECT * FROM jobs WHERE idempotency_key = @IdempotencyKey", new { job.IdempotencyKey });
                return (existing, false);
            }
            RecordEvent(write, job.Id, 1, JobState.Queued, now, 0, error: null);
            AnnounceQueued(write);
            return ((JobRecord?)row, true);
        });
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

    /// <summary>
    /// Jobs in creation order (or newest first), filtered, past the cursor <paramref name="after"/> (a job id) in that order.
    /// </summary>
    public IReadOnlyList<JobRecord> List(JobState? state, string? model, string? after, int limit, bool newestFirst = false)
    {
        using var connection = database.Open();
        var (past, order) = newestFirst ? ("id < @After", "id DESC") : ("id > @After", "id");
        return connection.Query<JobRecord>($"""
            SELECT * FROM jobs
            WHERE (@State IS NULL OR state = @State) AND (@Model IS NULL OR model = @Model) AND (@After IS NULL OR {past})
            ORDER BY {order} LIMIT @Limit
            """, new { State = state?.Name(), Model = model, After = after, Limit = limit }).AsList();
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

    public IReadOnlyList<long> RecentFinishTimes(DateTimeOffset since, int limit)
    {
        using var connection = database.Open();
        return connection.Query<long>(
            // Through the index jobs_finished: no index on the history has to be kept up on every event.
            "SELECT finished_at FROM jobs WHERE state IN ('done', 'failed') AND finished_at >= @since ORDER BY finished_at DESC LIMIT @limit",
            new { since = since.ToUnixTimeMilliseconds(), limit }).AsList();
    }

    /// <summary>Creation time (Unix ms) of the oldest queued job, or null when none waits.</summary>
    public long? OldestQueuedAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>("SELECT MIN(created_at) FROM jobs WHERE state = 'queued'");
    }

    public IReadOnlyList<QueueHead> QueueHeads() => database.Write(write => write.Query<QueueHead>(PlainHeadsSql, new { Now }));

    /// <summary>
    /// Picks the next job with <see cref="JobScheduler.PickNext"/> and claims it, in one transaction: queued → working
    /// when its model is <paramref name="residentModel"/>, else queued → loading. Null when no job is eligible.
    /// </summary>
    public JobRecord? ClaimNext(string? residentModel, TimeSpan agingLimit, string owner, TimeSpan lease)
    {
        var now = Now;
        return database.Write(write => ClaimNextIn(write, now, residentModel, agingLimit, owner, lease));
    }

    /// <summary>
    /// working → done with the result and, in the same transaction, <see cref="ClaimNext"/> for the worker's next job:
    /// a busy worker then commits once per job fewer. Next is null when the completion failed or nothing is eligible.
    /// </summary>
    public (bool Completed, JobRecord? Next) TryCompleteAndClaimNext(string id, string owner, string resultJson,
        string? residentModel, TimeSpan agingLimit, TimeSpan lease)
    {
        var now = Now;
        return database.Write(write =>
        {
            var completed = Transition<EventCounters>(write, now, id, JobState.Done, CompleteGuard, CompleteAssignments,
                new { Owner = owner, ResultJson = resultJson }, null, EndingColumns, row => row) is not null;
            return (completed, completed ? ClaimNextIn(write, now, residentModel, agingLimit, owner, lease) : null);
        });
    }

    private JobRecord? ClaimNextIn(IQueueWrite write, long now, string? residentModel, TimeSpan agingLimit, string owner, TimeSpan lease)
    {
        // A lost claim (another node holds or took the job) picks again without that job: the model's next one
        // becomes its head, so nodes on the same model take consecutive jobs instead of swapping models.
        string[] taken = [];
        while (true)
        {
            var heads = write.Query<QueueHead>(ClaimHeadsSql, new { Now = now, Taken = taken });
            var head = JobScheduler.PickNext(heads, residentModel, now, agingLimit);
            if (head is null) return null;
            var claimed = TransitionReturningRow(write, now, head.JobId, head.Model == residentModel ? JobState.Working : JobState.Loading,
                ClaimGuard, ClaimAssignments, new { Owner = owner, LeaseMs = (long)lease.TotalMilliseconds });
            if (claimed is not null) return claimed;
            taken = [.. taken, head.JobId];
        }
    }

    /// <summary>
    /// The oldest eligible queued job of each model (backoff elapsed, audio ready) that meets <paramref name="filter"/>.
    /// A skip-scan over the claim index: cost grows with the number of models, not with the queue's length.
    /// </summary>
    private static string QueueHeadsSql(string filter) => $"""
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
                WHERE state = 'queued' AND model = models.model AND not_before <= @Now AND {AudioReady} {filter}
                ORDER BY created_at, id LIMIT 1)
            """;

    /// <summary>
    /// A job is eligible only once its audio is on disk: uploads from the start, an <c>audio_url</c> once the input
    /// stage stored it (<see cref="TryAttachAudio"/>). A fetch then never runs on the worker's turn.
    /// </summary>
    private const string AudioReady = "(audio_url IS NULL OR audio_path IS NOT NULL)";

    private static readonly string PlainHeadsSql = QueueHeadsSql("");

    // Built once: SQLite's statement cache is keyed by the SQL text.
    private string ClaimHeadsSql => _claimHeadsSql ??= QueueHeadsSql(SkipTaken);
    private string? _claimHeadsSql;

    private const string ClaimAssignments =
        "attempt = attempt + 1, lease_owner = @Owner, lease_expires_at = @Now + @LeaseMs, started_at = COALESCE(started_at, @Now)";

    /// <summary>Earliest time (Unix ms) a queued job in backoff becomes eligible, so an idle worker knows when to look again.</summary>
    public long? NextEligibleAt()
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long?>($"SELECT MIN(not_before) FROM jobs WHERE state = 'queued' AND {AudioReady}");
    }

    /// <summary>Queued jobs whose <c>audio_url</c> the input stage has yet to fetch, oldest first.</summary>
    public IReadOnlyList<JobRecord> AwaitingAudio(int limit)
    {
        using var connection = database.Open();
        return connection.Query<JobRecord>(
            "SELECT * FROM jobs WHERE state = 'queued' AND audio_url IS NOT NULL AND audio_path IS NULL ORDER BY created_at, id LIMIT @limit", new { limit }).AsList();
    }

    /// <summary>
    /// Points a queued job at its fetched audio, which makes it eligible for the worker; false when the job is no
    /// longer queued or already has its audio (another node fetched it first).
    /// </summary>
    public bool TryAttachAudio(string id, string path) =>
        database.Write(write =>
        {
            if (write.Execute("UPDATE jobs SET audio_path = @path WHERE id = @id AND state = 'queued' AND audio_path IS NULL", new { id, path }) == 0)
                return false;
            AnnounceQueued(write);
            return true;
        });

    /// <summary>queued → failed: the input stage found the job's audio_url cannot be fetched.</summary>
    public bool TryFailQueued(string id, string error) =>
        Transition(id, JobState.Failed, "state = 'queued'", "finished_at = @Now, last_error = @Error", new { Error = error }, error);

    /// <summary>queued → loading|working: takes the job with a lease and counts an attempt. Null when it is no longer queued.</summary>
    public JobRecord? TryClaim(string id, JobState runningState, string owner, TimeSpan lease)
    {
        if (!runningState.IsRunning()) throw new ArgumentOutOfRangeException(nameof(runningState));
        var now = Now;
        return database.Write(write => TransitionReturningRow(write, now, id, runningState, ClaimGuard, ClaimAssignments,
            new { Owner = owner, LeaseMs = (long)lease.TotalMilliseconds }));
    }

    /// <summary>loading → working, once the model is resident.</summary>
    public bool TryStartWorking(string id, string owner) =>
        Transition(id, JobState.Working, "state = 'loading' AND lease_owner = @Owner", "", new { Owner = owner }, null);

    /// <summary>Extends the lease of a running job; false when the worker no longer owns it.</summary>
    public bool Heartbeat(string id, string owner, TimeSpan lease) =>
        database.Write(write => write.Execute(
            $"UPDATE jobs SET lease_expires_at = @Now + @LeaseMs WHERE id = @id AND {Running} AND lease_owner = @owner",
            new { id, owner, Now, LeaseMs = (long)lease.TotalMilliseconds })) == 1;

    /// <summary>working → done with the result. False for a stale worker that no longer owns the job.</summary>
    public bool TryComplete(string id, string owner, string resultJson) =>
        Transition(id, JobState.Done, CompleteGuard, CompleteAssignments, new { Owner = owner, ResultJson = resultJson }, null);

    private const string CompleteGuard = "state = 'working' AND lease_owner = @Owner";

    private const string CompleteAssignments =
        "finished_at = @Now, result_json = @ResultJson, last_error = NULL, lease_owner = NULL, lease_expires_at = NULL";

    /// <summary>loading|working → queued after a transient error; keeps its place in line, eligible again at <paramref name="notBefore"/>.</summary>
    public bool TryRetry(string id, string owner, string error, DateTimeOffset notBefore) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "not_before = @NotBefore, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, NotBefore = notBefore.ToUnixTimeMilliseconds(), Error = error }, error);

    /// <summary>loading|working → failed with the error.</summary>
    public bool TryFail(string id, string owner, string error) =>
        Transition(id, JobState.Failed, $"{Running} AND lease_owner = @Owner",
            "finished_at = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner, Error = error }, error);

    /// <summary>
    /// loading|working → queued without counting the attempt: the worker is shutting down and hands the job back
    /// untouched, so the next start runs it as if nothing happened.
    /// </summary>
    public bool TryRelease(string id, string owner) =>
        Transition(id, JobState.Queued, $"{Running} AND lease_owner = @Owner",
            "attempt = attempt - 1, lease_owner = NULL, lease_expires_at = NULL",
            new { Owner = owner }, "released at shutdown");

    /// <summary>queued → cancelled, by a user.</summary>
    public bool TryCancel(string id) =>
        Transition(id, JobState.Cancelled, "state = 'queued'", "finished_at = @Now", new { }, null);

    /// <summary>failed|cancelled → queued, by an operator: same id, attempts counted afresh.</summary>
    public bool TryRequeue(string id) =>
        Transition(id, JobState.Queued, "state IN ('failed', 'cancelled')",
            // The deadline was the first submission's: a re-queued job would otherwise expire again at once.
            "attempt = 0, crashes = 0, not_before = @Now, finished_at = NULL, last_error = NULL, deadline_at = NULL", new { }, null);

    /// <summary>queued → failed for jobs whose deadline passed before they started.</summary>
    public int ExpireOverdue()
    {
        var overdue = QueryIds($"SELECT id FROM {ExpiryScan} WHERE state = 'queued' AND deadline_at IS NOT NULL AND deadline_at <= @Now", new { Now });
        return overdue.Count(id => Transition(id, JobState.Failed, "state = 'queued'", "finished_at = @Now, last_error = @Error",
            new { Error = "expired: the job's deadline passed before it started" }, "expired"));
    }

    /// <summary>
    /// Takes back jobs whose worker is gone: running jobs whose lease expired, or all of those not owned by
    /// <paramref name="owner"/> when <paramref name="includeUnexpired"/> (at start-up the only live worker of this database
    /// is us). Expired leases of <paramref name="owner"/> itself count too: a job whose outcome could not be written (a
    /// full disk) would otherwise stay running until a restart. A job of another owner counts a crash (its process died
    /// under it). Each goes back to the queue with its attempt kept; it fails instead when that was its last attempt, or
    /// as <c>crashed_worker</c> when this was its <paramref name="maxCrashes"/>th crash.
    /// </summary>
    public RescueOutcome RescueOrphans(string owner, bool includeUnexpired, int maxCrashes = int.MaxValue)
    {
        var orphans = new List<(string Id, string LeaseOwner, long Attempt, long MaxAttempts, long Crashes)>();
        using (var connection = database.Open())
        {
            orphans.AddRange(connection.Query<(string, string, long, long, long)>($"""
                SELECT id, lease_owner, attempt, max_attempts, crashes FROM jobs
                WHERE {Running} AND (lease_owner <> @owner OR lease_expires_at <= @Now) AND (@includeUnexpired OR lease_expires_at <= @Now)
                """, new { owner, includeUnexpired, Now }));
        }
        var requeued = 0;
        var failed = new List<string>();
        var crashed = new List<string>();
        foreach (var (id, leaseOwner, attempt, maxAttempts, crashes) in orphans)
        {
            // Our own expired lease is no crash: this process lives, only the job's outcome could not be written.
            var crash = leaseOwner == owner ? 0 : 1;
            var error = crash == 0
                ? $"worker {leaseOwner} could not record the outcome of attempt {attempt} before its lease expired"
                : $"worker {leaseOwner} stopped during attempt {attempt}";
            // The expiry is checked again in the guard: a slow but live worker may have renewed its lease since the read.
            var guard = $"{Running} AND lease_owner = @LeaseOwner AND (@IncludeUnexpired OR lease_expires_at <= @Now)";
            const string finish = "crashes = crashes + @Crash, finished_at = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL";
            if (crash == 1 && crashes + 1 >= maxCrashes)
            {
                var reason = $"{CrashedWorker}: the process running this job died {crashes + 1} times (last: {error})";
                if (Transition(id, JobState.Failed, guard, finish, new { LeaseOwner = leaseOwner, IncludeUnexpired = includeUnexpired, Error = reason, Crash = crash }, reason))
                    crashed.Add(id);
                continue;
            }
            var args = new { LeaseOwner = leaseOwner, IncludeUnexpired = includeUnexpired, Error = error, Crash = crash };
            if (attempt >= maxAttempts)
            {
                if (Transition(id, JobState.Failed, guard, finish, args, error))
                    failed.Add(id);
            }
            else if (Transition(id, JobState.Queued, guard, "crashes = crashes + @Crash, not_before = @Now, last_error = @Error, lease_owner = NULL, lease_expires_at = NULL", args, error))
            {
                requeued++;
            }
        }
        return new RescueOutcome(requeued, failed, crashed);
    }

    /// <summary>The reason a job that keeps killing its process is failed with (the start of its error).</summary>
    public const string CrashedWorker = "crashed_worker";

    private List<string> QueryIds(string sql, object args)
    {
        using var connection = database.Open();
        return connection.Query<string>(sql, args).AsList();
    }

    /// <summary>One guarded transition and its event, atomically. False when the guard did not hold.</summary>
    private bool Transition(string id, JobState to, string guard, string set, object args, string? error)
    {
        var now = Now;
        return database.Write(write =>
        {
            if (Transition<EventCounters>(write, now, id, to, guard, set, args, error, EndingColumns, row => row) is null) return false;
            if (to == JobState.Queued) AnnounceQueued(write);
            return true;
        });
    }

    /// <summary>A transition that returns the whole updated row: claims, whose caller runs the job.</summary>
    private static JobRecord? TransitionReturningRow(IQueueWrite write, long now, string id, JobState to, string guard, string set, object args) =>
        Transition<JobRecord>(write, now, id, to, guard, set, args, error: null, "*", row => new EventCounters(row.Attempt, row.Events, row.CallbackUrl, row.LastError));

    /// <summary>
    /// <c>UPDATE jobs SET state = @To, ... WHERE id = @Id AND guard RETURNING ...</c> and, when a row changed, its event.
    /// Only claims read the whole row back: returning the counters alone keeps the other transitions cheap.
    /// </summary>
    private static TRow? Transition<TRow>(IQueueWrite write, long now, string id, JobState to, string guard, string set, object args,
        string? error, string returning, Func<TRow, EventCounters> counters) where TRow : class
    {
        var parameters = ParameterBinder.ToDictionary(args);
        parameters["Id"] = id;
        parameters["To"] = to.Name();
        parameters["Now"] = now;
        var assignments = string.IsNullOrWhiteSpace(set) ? "state = @To, events = events + 1" : $"state = @To, events = events + 1, {set}";
        var row = write.QuerySingleOrDefault<TRow>($"UPDATE jobs SET {assignments} WHERE id = @Id AND {guard} RETURNING {returning}", parameters);
        if (row is null) return null;
        var (attempt, seq, callbackUrl, lastError) = counters(row);
        RecordEvent(write, id, seq, to, now, attempt, error);
        if (callbackUrl is not null && to.IsTerminal()) QueueWebhook(write, id, seq, to, now, attempt, lastError, callbackUrl);
        return row;
    }

    /// <summary>What a transition needs back to write its event, and its webhook when it ends the job.</summary>
    private sealed record EventCounters(long Attempt, long Events, string? CallbackUrl, string? LastError);

    private const string EndingColumns = "attempt, events, callback_url, last_error";

    /// <summary>
    /// The outbox row of a job that ended with a callback URL, in the ending's own transaction: the webhook dispatcher
    /// POSTs it later, so a receiver never holds up this commit and a crash after it loses nothing.
    /// </summary>
    private static void QueueWebhook(IQueueWrite write, string id, long seq, JobState state, long at, long attempt, string? error, string url) =>
        write.Execute("""
            INSERT INTO webhook_deliveries (job_id, seq, url, job_state, job_attempt, job_error, created_at, next_attempt_at)
            VALUES (@id, @seq, @url, @State, @attempt, @error, @at, @at)
            """, new { id, seq, url, State = state.Name(), attempt, error, at });

    private static void RecordEvent(IQueueWrite write, string id, long seq, JobState state, long at, long attempt, string? error) =>
        write.Execute(
            "INSERT INTO job_events (job_id, seq, state, at, attempt, error) VALUES (@id, @seq, @State, @at, @attempt, @error)",
            new { id, seq, State = state.Name(), at, attempt, error });
}
