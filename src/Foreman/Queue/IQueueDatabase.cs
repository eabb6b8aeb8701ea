using System.Data.Common;

namespace Foreman.Queue;

/// <summary>
/// A database the queue lives in: how to connect, where its dialect's migrations are, and how starting nodes keep out of
/// each other's way while they migrate. <see cref="MigrationRunner"/> is the same for every provider.
/// </summary>
public interface IQueueDatabase
{
    /// <summary>The embedded resource folder of this provider's numbered migrations, e.g. <c>migrations/</c>.</summary>
    string MigrationsFolder { get; }

    /// <summary><c>CREATE TABLE IF NOT EXISTS schema_migrations</c> in this dialect.</summary>
    string SchemaMigrationsTable { get; }

    /// <summary>An open connection, configured the same way every time.</summary>
    DbConnection Open();

    /// <summary>Runs <paramref name="migrate"/> while no other process migrates the same database.</summary>
    void WithMigrationLock(DbConnection connection, Action migrate);
}
