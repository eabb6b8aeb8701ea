namespace Foreman.Queue;

/// <summary>
/// Decides which job the worker runs next. Pure: everything it needs is passed in, so it is tested without a database.
/// </summary>
public static class JobScheduler
{
    /// <summary>
    /// Drain by model: the resident model's oldest job first, so models swap as rarely as possible
    /// (<c>ORDER BY model != :resident, created_at</c>); but a job that has waited longer than
    /// <paramref name="agingLimit"/> wins regardless, oldest first, so no model starves.
    /// </summary>
    /// <param name="heads">The oldest eligible queued job of each model: backoff elapsed and audio on disk.</param>
    /// <param name="residentModel">The model loaded now, or null.</param>
    /// <param name="now">Unix milliseconds.</param>
    public static QueueHead? PickNext(IReadOnlyCollection<QueueHead> heads, string? residentModel, long now, TimeSpan agingLimit)
    {
        if (heads.Count == 0) return null;
        var oldest = heads.MinBy(h => (h.CreatedAt, h.JobId))!;
        if (now - oldest.CreatedAt > (long)agingLimit.TotalMilliseconds) return oldest;
        return heads.FirstOrDefault(h => h.Model == residentModel) ?? oldest;
    }
}
