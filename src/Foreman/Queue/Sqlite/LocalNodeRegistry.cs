namespace Foreman.Queue;

/// <summary>The registry of a SQLite queue: its file belongs to one process, so the only node is this one.</summary>
internal sealed class LocalNodeRegistry(TimeProvider time) : INodeRegistry
{
    private volatile NodeRecord? _self;

    public void Beat(string nodeId, DateTimeOffset startedAt, string? residentModel, string? currentJobId) =>
        _self = new NodeRecord
        {
            Id = nodeId,
            StartedAt = startedAt.ToUnixTimeMilliseconds(),
            LastSeen = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ResidentModel = residentModel,
            CurrentJobId = currentJobId,
        };

    public void Leave(string nodeId) => _self = null;

    public IReadOnlyList<NodeRecord> Live() => _self is { } self ? [self] : [];
}
