namespace Foreman.Queue;

/// <summary>Retention's deletes on the PostgreSQL database that several nodes share, each node running its own purger.</summary>
public sealed class PostgresJobPurge(PostgresDatabase database) : JobPurge(database)
{
    /// <summary>
    /// <c>FOR UPDATE SKIP LOCKED</c>: purgers of several nodes take disjoint batches instead of waiting on each other's
    /// rows, and an operator's retry of a job waits for the purge's short transaction (then finds the job gone).
    /// </summary>
    protected override string SelectBatch => BatchSelect + " FOR UPDATE SKIP LOCKED";

    protected override string InIds(string column) => $"{column} = ANY(@Ids)";

    protected override object IdsArgument(List<string> ids) => ids.ToArray();

    /// <summary>Nothing to do: autovacuum makes the deleted rows' space reusable.</summary>
    public override void ReclaimSpace()
    {
    }
}
