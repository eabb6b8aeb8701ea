using System.Data.Common;
using Dapper;

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

    /// <summary><c>NOTIFY</c> is delivered when the transaction commits, and not at all when it rolls back.</summary>
    protected override void AnnounceQueued(DbConnection connection, DbTransaction transaction) =>
        connection.Execute("SELECT pg_notify(@Channel, '')", new { Channel = PostgresDatabase.QueueChannel }, transaction);
}
