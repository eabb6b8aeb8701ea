namespace Foreman.Queue;

/// <summary>Which nodes serve the queue now: each node reports itself every heartbeat.</summary>
internal interface INodeRegistry
{
    /// <summary>Records that the node is alive now, with its resident model and current job.</summary>
    void Beat(string nodeId, DateTimeOffset startedAt, string? residentModel, string? currentJobId);

    /// <summary>Removes the node at a clean stop, so it leaves the list at once rather than when its heartbeat goes stale.</summary>
    void Leave(string nodeId);

    /// <summary>The nodes heard from within a lease duration, in the order they started.</summary>
    IReadOnlyList<NodeRecord> Live();
}
