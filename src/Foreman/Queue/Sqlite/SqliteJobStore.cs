namespace Foreman.Queue;

/// <summary>The durable queue on SQLite: one file, served by one process.</summary>
public sealed class SqliteJobStore(SqliteDatabase database, TimeProvider time) : SqlJobStore(database, time)
{
    public override bool SharedByNodes => false;

    /// <summary>SQLite has one writer at a time: the compare-and-set alone decides the race.</summary>
    protected override string ClaimGuard => "state = 'queued'";

    /// <summary>Nothing to skip: the pick and the claim share the one write transaction, so the claim always wins.</summary>
    protected override string SkipTaken => "";

    /// <summary>Pins the partial index, so the expiry check never scans the whole queue.</summary>
    protected override string ExpiryScan => "jobs INDEXED BY jobs_deadline";

    /// <summary>Nothing to do: SQLite has one writer at a time, and the count and the insert share its transaction.</summary>
    protected override void SerializeSubmits(IQueueWrite write)
    {
    }

    /// <summary>Nothing to do: the one worker is in this process, and submitters wake it through <see cref="QueueSignal"/>.</summary>
    protected override void AnnounceQueued(IQueueWrite write)
    {
    }
}
