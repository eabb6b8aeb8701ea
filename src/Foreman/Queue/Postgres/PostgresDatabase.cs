using System.Data.Common;
using Dapper;
using Npgsql;

namespace Foreman.Queue;

/// <summary>
/// Opens pooled connections to the PostgreSQL database that several nodes share (<c>Foreman:Database = postgres</c>).
/// </summary>
public sealed class PostgresDatabase : IQueueDatabase, IDisposable
{
    /// <summary>The channel on which a node announces that a job became queued, so idle workers elsewhere wake up.</summary>
    public const string QueueChannel = "foreman_queue";

    /// <summary>The advisory lock key that serializes migrations across nodes: "Foreman" in ASCII.</summary>
    private const long MigrationLockKey = 0x466F72656D616E;

    static PostgresDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string MigrationsFolder => "migrations/postgres/";

    public string SkipRowsOthersClaim => "FOR UPDATE SKIP LOCKED";

    public string SchemaMigrationsTable => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    BIGINT      PRIMARY KEY,
            name       TEXT        NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """;

    public NpgsqlConnection Open() => _dataSource.OpenConnection();

    DbConnection IQueueDatabase.Open() => Open();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction on a pooled connection: unlike SQLite's single writer, PostgreSQL
    /// takes writers side by side, from this node and from the others.
    /// </summary>
    public T Write<T>(Func<IQueueWrite, T> work)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var result = work(new PostgresWrite(connection, transaction));
        transaction.Commit();
        return result;
    }

    /// <summary>A connection for <c>LISTEN</c>: held for as long as the listener runs.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// A session-level advisory lock: nodes that start together migrate one after the other, and the later ones find
    /// every migration already recorded.
    /// </summary>
    public void WithMigrationLock(DbConnection connection, Action migrate)
    {
        connection.Execute("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
        try
        {
            migrate();
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
        }
    }

    public void Dispose() => _dataSource.Dispose();
}

/// <summary>The statements of one PostgreSQL write transaction (see <see cref="PostgresDatabase.Write"/>), through Dapper.</summary>
internal sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction transaction) : IQueueWrite
{
    public int Execute(string sql, object? args = null) => connection.Execute(sql, args, transaction);

    public T? QuerySingleOrDefault<T>(string sql, object? args = null) => connection.QuerySingleOrDefault<T>(sql, args, transaction);

    public List<T> Query<T>(string sql, object? args = null) => connection.Query<T>(sql, args, transaction).AsList();
}
