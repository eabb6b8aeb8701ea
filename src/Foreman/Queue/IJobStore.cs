namespace Foreman.Queue;

/// <summary>
/// The durable queue. Every state change is a compare-and-set on the expected state (and, for running jobs, the lease
/// owner) written together with its history event in one transaction, so a stale worker cannot overwrite a newer state
/// and no transition is ever half-recorded. Times are Unix milliseconds from the store's <see cref="TimeProvider"/>.
/// </summary>
public interface IJobStore
{
    /// <summary>
    /// True when several processes (nodes) use this store at once (PostgreSQL). Then a starting worker may take back only
    /// expired leases: the other running jobs belong to live nodes. False for SQLite, whose file belongs to one process.
    /// </summary>
    bool SharedByNodes { get; }

    /// <summary>Stores a new queued job, or returns the one already stored under the same idempotency key.</summary>
    (JobRecord Job, bool Created) Create(NewJob job);

    /// <summary>
    /// <see cref="Create"/>, but only while fewer than <paramref name="maxQueued"/> jobs are queued: the count and the insert
    /// are one atomic step, so concurrent submits never push the queue past the limit. Job is null when the queue was full.
    /// </summary>
    (JobRecord? Job, bool Created) TryCreate(NewJob job, long maxQueued);

    JobRecord? Get(string id);

    JobRecord? GetByIdempotencyKey(string key);

    IReadOnlyList<JobEvent> Events(string id);

    /// <summary>
    /// Jobs in creation order (or newest first), filtered, past the cursor <paramref name="after"/> (a job id) in that order.
    /// </summary>
    IReadOnlyList<JobRecord> List(JobState? state, string? model, string? after, int limit, bool newestFirst = false);

    /// <summary>1-based place in line of a queued job, in creation order across all models.</summary>
    long Position(JobRecord job);

    IReadOnlyDictionary<JobState, long> CountByState();

    long CountQueued(string? model = null);

    /// <summary>
    /// When the last <paramref name="limit"/> jobs finished (done or failed) since <paramref name="since"/>, from the history:
    /// the recent drain rate. Unix milliseconds, newest first.
    /// </summary>
    IReadOnlyList<long> RecentFinishTimes(DateTimeOffset since, int limit);

    /// <summary>Creation time (Unix ms) of the oldest queued job, or null when none waits.</summary>
    long? OldestQueuedAt();

    /// <summary>
    /// The oldest eligible queued job of each model (backoff elapsed, audio ready). A skip-scan over the claim index:
    /// cost grows with the number of models, not with the queue's length.
    /// </summary>
    IReadOnlyList<QueueHead> QueueHeads();

    /// <summary>Earliest time (Unix ms) a queued job in backoff becomes eligible, so an idle worker knows when to look again.</summary>
    long? NextEligibleAt();

    /// <summary>Queued jobs whose <c>audio_url</c> the input stage has yet to fetch, oldest first.</summary>
    IReadOnlyList<JobRecord> AwaitingAudio(int limit);

    /// <summary>
    /// Points a queued job at its fetched audio, which makes it eligible for the worker; false when the job is no
    /// longer queued or already has its audio (another node fetched it first).
    /// </summary>
    bool TryAttachAudio(string id, string path);

    /// <summary>queued → failed: the input stage found the job's audio_url cannot be fetched.</summary>
    bool TryFailQueued(string id, string error);

    /// <summary>
    /// Picks the next job with <see cref="JobScheduler.PickNext"/> and claims it, in one transaction: queued → working
    /// when its model is <paramref name="residentModel"/>, else queued → loading. Null when no job is eligible.
    /// </summary>
    JobRecord? ClaimNext(string? residentModel, TimeSpan agingLimit, string owner, TimeSpan lease);

    /// <summary>queued → loading|working: takes the job with a lease and counts an attempt. Null when it is no longer queued.</summary>
    JobRecord? TryClaim(string id, JobState runningState, string owner, TimeSpan lease);

    /// <summary>loading → working, once the model is resident.</summary>
    bool TryStartWorking(string id, string owner);

    /// <summary>Extends the lease of a running job; false when the worker no longer owns it.</summary>
    bool Heartbeat(string id, string owner, TimeSpan lease);

    /// <summary>working → done with the result. False for a stale worker that no longer owns the job.</summary>
    bool TryComplete(string id, string owner, string resultJson);

    /// <summary>
    /// working → done with the result and, in the same transaction, <see cref="ClaimNext"/> for the worker's next job.
    /// Next is null when the completion failed or nothing is eligible.
    /// </summary>
    (bool Completed, JobRecord? Next) TryCompleteAndClaimNext(string id, string owner, string resultJson,
        string? residentModel, TimeSpan agingLimit, TimeSpan lease);

    /// <summary>loading|working → queued after a transient error; keeps its place in line, eligible again at <paramref name="notBefore"/>.</summary>
    bool TryRetry(string id, string owner, string error, DateTimeOffset notBefore);

    /// <summary>loading|working → failed with the error.</summary>
    bool TryFail(string id, string owner, string error);

    /// <summary>
    /// loading|working → queued without counting the attempt: the worker is shutting down and hands the job back
    /// untouched, so the next start runs it as if nothing happened.
    /// </summary>
    bool TryRelease(string id, string owner);

    /// <summary>queued → cancelled, by a user.</summary>
    bool TryCancel(string id);

    /// <summary>failed|cancelled → queued, by an operator: same id, attempts counted afresh.</summary>
    bool TryRequeue(string id);

    /// <summary>queued → failed for jobs whose deadline passed before they started.</summary>
    int ExpireOverdue();

    /// <summary>
    /// Takes back jobs whose worker is gone: running jobs whose lease expired (<paramref name="owner"/>'s own included: its
    /// outcome could not be written), or all of those not owned by <paramref name="owner"/> when
    /// <paramref name="includeUnexpired"/> (at start-up the only live worker of this database is us). A job of another
    /// owner counts a crash. Each goes back to the queue with its attempt kept, or fails when that was its last attempt,
    /// or fails as <c>crashed_worker</c> at its <paramref name="maxCrashes"/>th crash.
    /// </summary>
    RescueOutcome RescueOrphans(string owner, bool includeUnexpired, int maxCrashes = int.MaxValue);
}
