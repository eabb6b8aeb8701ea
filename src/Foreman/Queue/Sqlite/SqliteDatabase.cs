using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Foreman.Queue;

/// <summary>
/// The queue's SQLite file. Reads open pooled connections; writes go through one long-lived connection, one
/// transaction at a time, whose prepared statements are kept: SQLite has a single writer anyway, and compiling a
/// statement costs more than running it, so this is what lets the queue sustain thousands of jobs per second.
/// Concurrent writers share a transaction (group commit, see <see cref="Write"/>), and the WAL is checkpointed ahead
/// of the writer (<see cref="WalCheckpointer"/>), so a write seldom waits for an fsync.
/// </summary>
public sealed class SqliteDatabase : IQueueDatabase, IDisposable
{
    static SqliteDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private readonly string _connectionString;
    private readonly object _gate = new(); // Monitor.Wait: the writes waiting for a leader
    private readonly List<GroupedWrite> _waiting = [];
    private bool _leading;
    private int _leader;
    private readonly WalCheckpointer _checkpointer;
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();
    private SqliteConnection? _writer;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    public SqliteDatabase(string path)
    {
        _checkpointer = new WalCheckpointer(Open);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Another process writing (an operator's sqlite3 shell, a backup) makes us wait, not fail.
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

    /// <summary>A pooled connection for reads (and for schema migrations).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Pooled connections keep their native handle: configure each handle once, not on every open.
        if (_configured.TryAdd(connection.Handle!, Configured))
        {
            // WAL lets readers (API) run beside the writer (worker) and persists in the file; NORMAL sync is durable
            // across process crashes in WAL mode (only an OS crash can lose the last commits); foreign keys keep
            // events tied to jobs. auto_vacuum takes effect only in a new, empty file (an older one needs a VACUUM,
            // see docs/operations.md): then retention's purges give their pages back (SqliteJobPurge).
            connection.Execute("""
                PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000; PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 4000;
                """);
        }
        return connection;
    }

    DbConnection IQueueDatabase.Open() => Open();

    /// <summary>No lock: a SQLite file belongs to one process, which migrates it before it serves.</summary>
    public void WithMigrationLock(DbConnection connection, Action migrate) => migrate();

    /// <summary>Nothing to skip: one process, one writer at a time.</summary>
    public string SkipRowsOthersClaim => "";

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction on the write connection and returns once that transaction
    /// committed. Group commit: writes that arrive while another is running wait, and the first of them then runs
    /// them all in one transaction, each inside its own savepoint, so one that throws rolls back only its own
    /// statements (and throws in its own caller) while the others commit together, once.
    /// </summary>
    public T Write<T>(Func<IQueueWrite, T> work)
    {
        var unit = new GroupedWrite<T>(work);
        if (LeadOrWait(unit) is { } group)
        {
            try
            {
                Run(group);
            }
            catch (Exception e)
            {
                // The write connection could not be opened, or a ROLLBACK failed: no undecided write committed.
                foreach (var undecided in group.Where(u => !u.Decided)) undecided.Fail(e);
            }
            finally
            {
                Settle(group);
            }
        }
        return unit.Result();
    }

    /// <summary>
    /// Queues <paramref name="unit"/> and waits while another caller leads a group; returns the next group to run when
    /// this caller leads it, or null once another leader has settled <paramref name="unit"/>.
    /// </summary>
    private List<GroupedWrite>? LeadOrWait(GroupedWrite unit)
    {
        lock (_gate)
        {
            // A write inside a write would wait for itself: it has to be part of the outer one.
            if (_leading && _leader == Environment.CurrentManagedThreadId) throw new InvalidOperationException("a queue write cannot start inside another");
            _waiting.Add(unit);
            while (_leading && !unit.Settled) Monitor.Wait(_gate);
            if (unit.Settled) return null;
            _leading = true;
            _leader = Environment.CurrentManagedThreadId;
            List<GroupedWrite> group = [.. _waiting];
            _waiting.Clear();
            return group;
        }
    }

    /// <summary>Writes queued for the next group: tests line writes up behind a leader with it.</summary>
    internal int WaitingWrites
    {
        get
        {
            lock (_gate) return _waiting.Count;
        }
    }

    /// <summary>Hands the results to the group's callers and the lead to whoever waits next.</summary>
    private void Settle(List<GroupedWrite> group)
    {
        lock (_gate)
        {
            foreach (var unit in group) unit.Settle();
            _leading = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The group's units in as few transactions as errors allow: normally one.</summary>
    private void Run(List<GroupedWrite> group)
    {
        _writer ??= Open();
        var write = new SqliteWrite(this);
        for (var next = 0; next < group.Count;) next = RunTransaction(group, next, write);
    }

    /// <summary>
    /// Runs the units from <paramref name="first"/> in one transaction and commits those that did not throw; returns
    /// where the next transaction starts: past the end, or past a unit whose error made SQLite roll the whole
    /// transaction back (SQLITE_FULL, SQLITE_IOERR), which fails the units run before it too.
    /// </summary>
    private int RunTransaction(List<GroupedWrite> group, int first, SqliteWrite write)
    {
        // A unit alone needs no savepoint: the transaction is its own.
        var savepoints = group.Count - first > 1;
        var ran = new List<GroupedWrite>(group.Count - first);
        var next = first;
        try
        {
            // BEGIN, COMMIT and the savepoints as kept statements too: SqliteTransaction would compile them on every write.
            Statement("BEGIN IMMEDIATE").ExecuteNonQuery();
            for (; next < group.Count; next++)
            {
                var unit = group[next];
                if (savepoints) Statement("SAVEPOINT unit").ExecuteNonQuery();
                try
                {
                    unit.Run(write);
                    if (savepoints) Statement("RELEASE unit").ExecuteNonQuery();
                    ran.Add(unit);
                }
                catch (Exception e) when (savepoints && InTransaction)
                {
                    unit.Fail(e);
                    Statement("ROLLBACK TO unit").ExecuteNonQuery();
                    Statement("RELEASE unit").ExecuteNonQuery();
                }
            }
            Statement("COMMIT").ExecuteNonQuery();
            foreach (var unit in ran) unit.Commit();
            _checkpointer.Committed();
            return next;
        }
        catch (Exception e)
        {
            // SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR): a ROLLBACK then fails with
            // "no transaction is active" and would hide the real cause.
            if (InTransaction) Statement("ROLLBACK").ExecuteNonQuery();
            foreach (var lost in ran) lost.Fail(e);
            if (next < group.Count) group[next].Fail(e);
            return next + 1;
        }
    }

    private bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(_writer!.Handle) == 0;

    public void Dispose()
    {
        lock (_gate)
        {
            while (_leading) Monitor.Wait(_gate);
            _checkpointer.Wait();
            foreach (var statement in _statements.Values) statement.Dispose();
            _statements.Clear();
            _parsers.Clear();
            _writer?.Dispose();
            _writer = null;
        }
    }

    /// <summary>The prepared command for <paramref name="sql"/> on the write connection, bound to <paramref name="args"/>' properties.</summary>
    internal SqliteCommand Prepare(string sql, object? args)
    {
        var command = Statement(sql);
        ParameterBinder.Bind(command, args);
        return command;
    }

    private SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }
        return command;
    }

    /// <summary>The row parser for <paramref name="sql"/>'s result columns, built once: its columns never change.</summary>
    internal Func<DbDataReader, T> ParserFor<T>(string sql, DbDataReader reader)
    {
        if (!_parsers.TryGetValue((sql, typeof(T)), out var parser))
        {
            parser = reader.GetRowParser<T>();
            _parsers[(sql, typeof(T))] = parser;
        }
        return (Func<DbDataReader, T>)parser;
    }

    private readonly Dictionary<(string Sql, Type Row), Delegate> _parsers = [];

    private static readonly object Configured = new();
}

/// <summary>The statements of one write transaction (see <see cref="SqliteDatabase.Write"/>), each prepared once per SQL text.</summary>
internal sealed class SqliteWrite : IQueueWrite
{
    private readonly SqliteDatabase _database;
    internal SqliteWrite(SqliteDatabase database) => _database = database;

    public int Execute(string sql, object? args = null) => _database.Prepare(sql, args).ExecuteNonQuery();

    public T? QuerySingleOrDefault<T>(string sql, object? args = null)
    {
        using var reader = _database.Prepare(sql, args).ExecuteReader();
        if (!reader.Read()) return default;
        var row = _database.ParserFor<T>(sql, reader)(reader);
        while (reader.Read()) { } // drain, so RETURNING statements finish their work
        return row;
    }

    public List<T> Query<T>(string sql, object? args = null)
    {
        using var reader = _database.Prepare(sql, args).ExecuteReader();
        var rows = new List<T>();
        if (!reader.HasRows) return rows;
        var parse = _database.ParserFor<T>(sql, reader);
        while (reader.Read()) rows.Add(parse(reader));
        return rows;
    }
}

/// <summary>Binds an argument object's properties (or a dictionary's entries) to a cached command's <c>@Name</c> parameters.</summary>
internal static class ParameterBinder
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>An argument object's properties as a mutable name → value map.</summary>
    public static Dictionary<string, object?> ToDictionary(object args) =>
        PropertiesOf(args.GetType()).ToDictionary(p => p.Name, p => p.GetValue(args));

    private static PropertyInfo[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t => t.GetProperties());

    public static void Bind(SqliteCommand command, object? args)
    {
        switch (args)
        {
            case null:
                command.Parameters.Clear();
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (name, value) in pairs) Set(command, name, value);
                return;
            default:
                foreach (var property in PropertiesOf(args.GetType())) Set(command, property.Name, property.GetValue(args));
                return;
        }
    }

    // A cached command keeps its parameters: a statement's arguments always have the same names, so set their values.
    private static void Set(SqliteCommand command, string name, object? value)
    {
        var parameter = "@" + name;
        if (command.Parameters.Contains(parameter)) command.Parameters[parameter].Value = value ?? DBNull.Value;
        else command.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
    }
}
