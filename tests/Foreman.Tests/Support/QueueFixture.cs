using Foreman.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Support;

/// <summary>A migrated queue on a fake clock: a temp SQLite file, or a fresh database of the test PostgreSQL cluster.</summary>
public sealed class QueueFixture : IDisposable
{
    private readonly Action _dispose;

    private QueueFixture(IQueueDatabase database, Func<FakeTimeProvider, IJobStore> store, Action dispose)
    {
        Database = database;
        _dispose = dispose;
        new MigrationRunner(Database, NullLogger<MigrationRunner>.Instance).Apply();
        Store = store(Time);
        Ids = new JobIds(Time);
    }

    public static QueueFixture Sqlite()
    {
        var dir = new TempDirectory();
        var database = new SqliteDatabase(dir.File("foreman.db"));
        return new QueueFixture(database, time => new SqliteJobStore(database, time), () =>
        {
            database.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Dispose();
        });
    }

    public static QueueFixture Postgres(PostgresCluster cluster)
    {
        var testDatabase = cluster.CreateDatabase();
        var database = new PostgresDatabase(testDatabase.ConnectionString);
        return new QueueFixture(database, time => new PostgresJobStore(database, time), () =>
        {
            database.Dispose();
            testDatabase.Dispose();
        });
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public IQueueDatabase Database { get; }

    public IJobStore Store { get; }

    public JobIds Ids { get; }

    public JobRecord Enqueue(string model = "a", string? idempotencyKey = null, int maxAttempts = 5, DateTimeOffset? deadline = null)
    {
        var job = new NewJob(Ids.Next(), model, "json", "/nowhere.wav", null, "la la la", idempotencyKey, null, maxAttempts, deadline);
        return Store.Create(job).Job;
    }

    public void Dispose() => _dispose();
}
