using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Foreman.Queue;

/// <summary>Opens connections to the queue's SQLite file, configured the same way every time.</summary>
public sealed class SqliteDatabase : IQueueDatabase
{
    static SqliteDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers wait for each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public string MigrationsFolder => "migrations/";

    public string SchemaMigrationsTable => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL lets readers (API) run beside the writer (worker); NORMAL sync is durable across process
        // crashes in WAL mode (only an OS crash can lose the last commits), foreign keys keep events tied to jobs.
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    DbConnection IQueueDatabase.Open() => Open();

    /// <summary>No lock: a SQLite file belongs to one process, which migrates it before it serves.</summary>
    public void WithMigrationLock(DbConnection connection, Action migrate) => migrate();
}
