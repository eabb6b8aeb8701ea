namespace Foreman.Queue;

/// <summary>The durable queue on PostgreSQL: one database, one worker on each of several nodes.</summary>
public sealed class PostgresJobStore(PostgresDatabase database, TimeProvider time) : SqlJobStore(database, time)
{
    public override bool SharedByNodes => true;

    /// <summary>
    /// <c>FOR UPDATE SKIP LOCKED</c>: when another node is claiming the same job right now, this claim gives up at once
    /// (and the worker picks again) instead of queueing behind that node's transaction only to find the job taken.
    /// </summary>
    protected override string ClaimGuard => "state = 'queued' AND id = (SELECT id FROM jobs WHERE id = @Id AND state = 'queued' FOR UPDATE SKIP LOCKED)";

    /// <summary>
    /// After a lost claim the model's next job becomes its head: nodes draining the same model take consecutive jobs
    /// instead of coming back empty (and idle) or turning to another model.
    /// </summary>
    protected override string SkipTaken => "AND id <> ALL(@Taken)";

    /// <summary>PostgreSQL's planner finds the partial index <c>jobs_deadline</c> by itself.</summary>
    protected override string ExpiryScan => "jobs";

    /// <summary>
    /// A transaction-scoped advisory lock: under READ COMMITTED two submits would otherwise both count one slot left and
    /// both insert. Only bounded submits take it, and only until their commit.
    /// </summary>
    protected override void SerializeSubmits(IQueueWrite write) =>
        write.Execute("SELECT pg_advisory_xact_lock(@Key)", new { Key = SubmitLockKey });

    /// <summary>The advisory lock key of submits ("foreman" + "submit" as a number; any constant no other lock uses).</summary>
    private const long SubmitLockKey = 0x466f72656d616e53;

    /// <summary><c>NOTIFY</c> is delivered when the transaction commits, and not at all when it rolls back.</summary>
    protected override void AnnounceQueued(IQueueWrite write) =>
        write.Execute("SELECT pg_notify(@Channel, '')", new { Channel = PostgresDatabase.QueueChannel });
}
