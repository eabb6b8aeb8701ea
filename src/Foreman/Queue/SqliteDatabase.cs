using Dapper;
using Microsoft.Data.Sqlite;

namespace Foreman.Queue;

/// <summary>Opens connections to the queue's SQLite file, configured the same way every time.</summary>
public sealed class SqliteDatabase
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

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL lets readers (API) run beside the writer (worker); NORMAL sync is durable across process
        // crashes in WAL mode (only an OS crash can lose the last commits), foreign keys keep events tied to jobs.
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }
}
