using System.Text.Json;

namespace Foreman.Queue;

/// <summary>Retention's deletes on the SQLite file, whose freed pages go back to the file system by incremental vacuum.</summary>
public sealed class SqliteJobPurge : JobPurge
{
    /// <summary>Pages (4 KiB) moved per vacuum step: a few milliseconds of the one writer at a time.</summary>
    private const int VacuumStepPages = 256;

    private readonly SqliteDatabase _database;
    private readonly Lazy<bool> _incrementalVacuum;

    public SqliteJobPurge(SqliteDatabase database) : base(database)
    {
        _database = database;
        // Fixed for the file's life: only a VACUUM changes it.
        _incrementalVacuum = new(() => database.Write(write => write.QuerySingleOrDefault<long>("PRAGMA auto_vacuum")) == 2);
    }

    /// <summary>
    /// True when the file gives freed pages back (<c>auto_vacuum = INCREMENTAL</c>, set on every file Foreman creates);
    /// a file made before keeps its free pages and reuses them, so it stops growing but never shrinks.
    /// </summary>
    public bool IncrementalVacuumEnabled => _incrementalVacuum.Value;

    /// <summary>The one writer's transaction alone keeps purges apart.</summary>
    protected override string SelectBatch => BatchSelect;

    /// <summary>The ids as one JSON array: a single parameter, so the statement text (and its prepared form) never changes.</summary>
    protected override string InIds(string column) => $"{column} IN (SELECT value FROM json_each(@Ids))";

    protected override object IdsArgument(List<string> ids) => JsonSerializer.Serialize(ids);

    /// <summary><c>PRAGMA incremental_vacuum</c> in short steps, each its own write, until the free list is empty.</summary>
    public override void ReclaimSpace()
    {
        if (!IncrementalVacuumEnabled) return;
        while (_database.Write(write =>
        {
            write.Execute($"PRAGMA incremental_vacuum({VacuumStepPages})");
            return write.QuerySingleOrDefault<long>("PRAGMA freelist_count") > 0;
        }))
        {
        }
    }
}
