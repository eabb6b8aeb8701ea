using System.Data.Common;

namespace Foreman.Queue;

/// <summary>
/// A database the queue lives in: how to connect, how to write, where its dialect's migrations are, and how starting
/// nodes keep out of each other's way while they migrate. <see cref="MigrationRunner"/> and <see cref="SqlJobStore"/>
/// are the same for every provider.
/// </summary>
public interface IQueueDatabase
{
    /// <summary>The embedded resource folder of this provider's numbered migrations, e.g. <c>migrations/</c>.</summary>
    string MigrationsFolder { get; }

    /// <summary><c>CREATE TABLE IF NOT EXISTS schema_migrations</c> in this dialect.</summary>
    string SchemaMigrationsTable { get; }

    /// <summary>An open connection for reads (and migrations), configured the same way every time.</summary>
    DbConnection Open();

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when it returns normally.</summary>
    T Write<T>(Func<IQueueWrite, T> work);

    /// <summary>Runs <paramref name="migrate"/> while no other process migrates the same database.</summary>
    void WithMigrationLock(DbConnection connection, Action migrate);

    /// <summary>
    /// Ends a <c>SELECT</c> of rows a write is about to claim: where several nodes claim at once it locks the rows it
    /// returns and passes over those another node's transaction holds, so concurrent claimers take different rows.
    /// </summary>
    string SkipRowsOthersClaim { get; }
}

/// <summary>The statements of one write transaction (see <see cref="IQueueDatabase.Write"/>).</summary>
public interface IQueueWrite
{
    int Execute(string sql, object? args = null);

    T? QuerySingleOrDefault<T>(string sql, object? args = null);

    List<T> Query<T>(string sql, object? args = null);
}
