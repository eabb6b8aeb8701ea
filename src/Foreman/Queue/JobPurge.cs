namespace Foreman.Queue;

/// <summary>
/// Deletes finished jobs for retention, a small batch per transaction: the rows, and every row that hangs off them.
/// Kept apart from <see cref="SqlJobStore"/>: it never touches a job that is not finished, so the queue's own paths
/// need not know it exists. A provider adds how a batch of ids is passed, how concurrent purgers keep apart, and how
/// freed space is given back.
/// </summary>
public abstract class JobPurge(IQueueDatabase database)
{
    /// <summary>
    /// Tables whose rows belong to one job (column <c>job_id</c>), deleted in the same transaction as the job, before it.
    /// A new table of per-job rows is added here.
    /// </summary>
    private static readonly string[] JobChildTables = ["job_events", "webhook_deliveries"];

    /// <summary>
    /// The jobs of a batch: <c>@State</c>, finished before <c>@Cutoff</c> (Unix ms), oldest first, at most <c>@Limit</c>,
    /// through the index <c>jobs_finished</c>. A job whose webhook is still owed stays until the delivery ends, so
    /// a short retention never drops a callback.
    /// </summary>
    protected const string BatchSelect = """
        SELECT id FROM jobs
        WHERE state = @State AND finished_at < @Cutoff
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.job_id = jobs.id AND d.state = 'pending')
        ORDER BY finished_at LIMIT @Limit
        """;

    /// <summary>The batch query as this provider runs it (PostgreSQL: skipping rows another node's purge holds).</summary>
    protected abstract string SelectBatch { get; }

    /// <summary>A condition on <paramref name="column"/> that holds for the ids bound as <c>@Ids</c>.</summary>
    protected abstract string InIds(string column);

    /// <summary>The batch's ids as this provider binds a list.</summary>
    protected abstract object IdsArgument(List<string> ids);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> jobs that finished in <paramref name="state"/> before <paramref name="cutoff"/>,
    /// oldest first, with their child rows, in one transaction; returns their ids (for their files). Fewer than
    /// <paramref name="limit"/> means none is left.
    /// </summary>
    public IReadOnlyList<string> DeleteBatch(JobState state, DateTimeOffset cutoff, int limit)
    {
        if (!state.IsTerminal()) throw new ArgumentOutOfRangeException(nameof(state), "only finished jobs are purged");
        return database.Write(write =>
        {
            // The selected rows stay ours until commit: on SQLite no other writer runs meanwhile, and on PostgreSQL
            // they are locked (FOR UPDATE), so an operator's retry cannot move one back to the queue in between.
            var ids = write.Query<BatchRow>(SelectBatch, new { State = state.Name(), Cutoff = cutoff.ToUnixTimeMilliseconds(), Limit = limit })
                .ConvertAll(row => row.Id);
            if (ids.Count == 0) return ids;
            var args = new { Ids = IdsArgument(ids) };
            foreach (var table in JobChildTables) write.Execute($"DELETE FROM {table} WHERE {InIds("job_id")}", args);
            write.Execute($"DELETE FROM jobs WHERE {InIds("id")}", args);
            return ids;
        });
    }

    /// <summary>A row of <see cref="SelectBatch"/>: a record, because the SQLite writer's cached row parsers take no scalars.</summary>
    private sealed record BatchRow(string Id);

    /// <summary>Gives the space the deleted rows held back to the file system, where the provider needs it done.</summary>
    public abstract void ReclaimSpace();
}
