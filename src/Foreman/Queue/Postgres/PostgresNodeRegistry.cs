using Dapper;
using Microsoft.Extensions.Options;

namespace Foreman.Queue;

/// <summary>
/// The <c>nodes</c> table of a PostgreSQL queue. A node is live while it renews its row within a lease duration, the
/// same limit after which its jobs are taken back; each heartbeat prunes the rows of nodes that died without leaving.
/// </summary>
public sealed class PostgresNodeRegistry(PostgresDatabase database, IOptions<QueueOptions> options, TimeProvider time) : INodeRegistry
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long WindowMs => (long)options.Value.LeaseDuration.TotalMilliseconds;

    public void Beat(string nodeId, DateTimeOffset startedAt, string? residentModel, string? currentJobId)
    {
        using var connection = database.Open();
        connection.Execute("""
            INSERT INTO nodes (id, started_at, last_seen, resident_model, current_job_id)
            VALUES (@NodeId, @StartedAt, @Now, @ResidentModel, @CurrentJobId)
            ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, resident_model = excluded.resident_model,
                                           current_job_id = excluded.current_job_id;
            DELETE FROM nodes WHERE last_seen < @Now - @WindowMs;
            """, new { NodeId = nodeId, StartedAt = startedAt.ToUnixTimeMilliseconds(), Now, ResidentModel = residentModel, CurrentJobId = currentJobId, WindowMs });
    }

    public void Leave(string nodeId)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM nodes WHERE id = @nodeId", new { nodeId });
    }

    public IReadOnlyList<NodeRecord> Live()
    {
        using var connection = database.Open();
        return connection.Query<NodeRecord>(
            "SELECT * FROM nodes WHERE last_seen >= @Now - @WindowMs ORDER BY started_at, id", new { Now, WindowMs }).AsList();
    }
}
