using Foreman.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Support;

/// <summary>A migrated SQLite queue in a temp file, on a fake clock.</summary>
public sealed class QueueFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public QueueFixture()
    {
        Database = new SqliteDatabase(_dir.File("foreman.db"));
        new MigrationRunner(Database, NullLogger<MigrationRunner>.Instance).Apply();
        Store = new JobStore(Database, Time);
        Ids = new JobIds(Time);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public SqliteDatabase Database { get; }

    public JobStore Store { get; }

    public JobIds Ids { get; }

    public JobRecord Enqueue(string model = "a", string? idempotencyKey = null, int maxAttempts = 5, DateTimeOffset? deadline = null)
    {
        var job = new NewJob(Ids.Next(), model, "json", "/nowhere.wav", null, "la la la", idempotencyKey, null, maxAttempts, deadline);
        return Store.Create(job).Job;
    }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
