namespace Foreman.Queue;

/// <summary>One node serving the queue, as of its last heartbeat (a row of <c>nodes</c>). Times are Unix milliseconds.</summary>
public sealed class NodeRecord
{
    /// <summary>The node's worker identity, as in the leases it holds.</summary>
    public required string Id { get; init; }
    public long StartedAt { get; init; }
    public long LastSeen { get; init; }
    public string? ResidentModel { get; init; }
    public string? CurrentJobId { get; init; }
}
