using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Queue;

public class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteDatabase _database;

    public SqliteDatabaseTests()
    {
        _database = new SqliteDatabase(_dir.File("test.db"));
        using var connection = _database.Open();
        connection.Execute("CREATE TABLE t (v INTEGER NOT NULL UNIQUE)");
    }

    public void Dispose()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Write_WorkThrows_RollsBackAndLeavesTheWriterUsable()
    {
        Assert.Throws<InvalidOperationException>(() => _database.Write<int>(write =>
        {
            write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 1 });
            throw new InvalidOperationException("abandon");
        }));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => _database.Write(write =>
            write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 2 }) + write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 2 })));

        _database.Write(write => write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 3 }));
        using var connection = _database.Open();
        Assert.Equal([3L], connection.Query<long>("SELECT v FROM t"));
    }

    [Fact]
    public void Write_SameStatementWithNewArguments_BindsTheNewValues()
    {
        for (var v = 0; v < 3; v++) _database.Write(write => write.Execute("INSERT INTO t (v) VALUES (@v)", new { v }));
        var read = _database.Write(write => write.Query<long>("SELECT v FROM t WHERE v >= @min ORDER BY v", new { min = 1 }));
        Assert.Equal([1L, 2L], read);
    }

    [Fact]
    public async Task Write_WhileAnotherRuns_QueuedWritesCommitTogetherAndAFailingOneRollsBackOnlyItself()
    {
        using var outside = _database.Open(); // a reader beside the write connection, configured before any write holds the lock
        using var leaderInside = new ManualResetEventSlim();
        using var releaseLeader = new ManualResetEventSlim();
        var leader = Task.Run(() => _database.Write(write =>
        {
            leaderInside.Set();
            releaseLeader.Wait(TestContext.Current.CancellationToken);
            return write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 1 });
        }));
        Assert.True(leaderInside.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        // Lined up behind the leader in this order, so they run as one group once it commits.
        var committed = Task.Run(() => _database.Write(write => write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 2 })));
        await QueuedBehindLeader(1);
        var observer = Task.Run(() => _database.Write(write =>
        {
            write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 3 });
            // In the same transaction as v=2, not yet committed: another connection does not see it.
            return outside.ExecuteScalar<long>("SELECT COUNT(*) FROM t WHERE v = 2");
        }));
        await QueuedBehindLeader(2);
        var failing = Task.Run(() => _database.Write(write =>
            write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 4 }) + write.Execute("INSERT INTO t (v) VALUES (@v)", new { v = 1 }))); // UNIQUE
        await QueuedBehindLeader(3);
        var after = Task.Run(() => _database.Write(write => write.Query<long>("SELECT v FROM t WHERE v IN (2, 4) ORDER BY v")));
        await QueuedBehindLeader(4);
        releaseLeader.Set();

        Assert.Equal(1, await leader);
        Assert.Equal(1, await committed);
        Assert.Equal(0, await observer);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => failing);
        Assert.Equal([2L], await after); // the group's writes before it stand; the failed one's v=4 is gone
        using var connection = _database.Open();
        Assert.Equal([1L, 2L, 3L], connection.Query<long>("SELECT v FROM t ORDER BY v"));
    }

    [Fact]
    public async Task Write_ManyQueuedBehindALeader_EachReadsItsOwnRowAndGetsItsOwnResult()
    {
        using var leaderInside = new ManualResetEventSlim();
        using var releaseLeader = new ManualResetEventSlim();
        var leader = Task.Run(() => _database.Write(write =>
        {
            leaderInside.Set();
            releaseLeader.Wait(TestContext.Current.CancellationToken);
            return 0;
        }));
        Assert.True(leaderInside.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var writers = Enumerable.Range(10, 20).Select(v => Task.Run(() => _database.Write(write =>
        {
            write.Execute("INSERT INTO t (v) VALUES (@v)", new { v });
            return write.Query<long>("SELECT v FROM t WHERE v = @v", new { v }).Single();
        }))).ToList();
        await QueuedBehindLeader(writers.Count);
        releaseLeader.Set();
        await leader;

        Assert.Equal(Enumerable.Range(10, 20).Select(v => (long)v), await Task.WhenAll(writers));
    }

    [Fact]
    public void Write_FromManyThreads_EachCallerGetsItsOwnResult()
    {
        var results = new long[200];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = _database.Write(write => write.QuerySingleOrDefault<long>("INSERT INTO t (v) VALUES (@v) RETURNING v * 10", new { v = i })));

        Assert.Equal(Enumerable.Range(0, results.Length).Select(i => i * 10L), results);
        using var connection = _database.Open();
        Assert.Equal(results.Length, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Write_InsideAnotherWrite_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _database.Write(_ => _database.Write(write => write.Execute("INSERT INTO t (v) VALUES (1)"))));
        Assert.Contains("inside another", error.Message);
        _database.Write(write => write.Execute("INSERT INTO t (v) VALUES (2)"));
    }

    [Fact]
    public async Task Write_DoneCommittedInAGroup_IsInTheFileWhenReopened()
    {
        var path = _dir.File("queue.db");
        string id;
        using (var database = new SqliteDatabase(path))
        {
            new MigrationRunner(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance).Apply();
            var store = new SqliteJobStore(database, TimeProvider.System);
            var ids = new JobIds(TimeProvider.System);
            NewJob Job() => new(ids.Next(), "m", "json", "a.wav", null, "la", null, null, 3, null);
            id = store.Create(Job()).Job.Id;
            Assert.Equal(id, store.ClaimNext("m", TimeSpan.FromMinutes(2), "w", TimeSpan.FromSeconds(30))!.Id);
            // The completion commits in whatever group it lands in, beside a submitter's writes.
            var submits = Task.Run(() => { for (var i = 0; i < 50; i++) store.Create(Job()); }, TestContext.Current.CancellationToken);
            Assert.True(store.TryCompleteAndClaimNext(id, "w", "{}", "m", TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)).Completed);
            await submits;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var reopened = new SqliteDatabase(path);
        var stored = new SqliteJobStore(reopened, TimeProvider.System);
        Assert.Equal(JobState.Done, stored.Get(id)!.JobState);
        Assert.Equal(["queued", "working", "done"], stored.Events(id).Select(e => e.State));
        Assert.Equal(51, stored.CountByState().Values.Sum());
    }

    [Fact]
    public async Task Write_ManyCommits_AreCheckpointedIntoTheFileWithoutWaitingForTheWriters()
    {
        using (var connection = _database.Open()) connection.Execute("CREATE TABLE pad (b BLOB)");
        var path = _dir.File("test.db");
        var before = new FileInfo(path).Length;
        // 300 commits of about one new page each: far below the writer's autocheckpoint (4,000 pages), which alone
        // would leave every page in the WAL and the file as it was.
        for (var i = 0; i < 300; i++) _database.Write(write => write.Execute("INSERT INTO pad (b) VALUES (zeroblob(3000))"));

        await Eventually.TrueAsync(() => Task.FromResult(new FileInfo(path).Length > before + 100 * 4096), "pages copied into the file",
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Write_WhenTheFileCannotBeOpened_ThrowsInTheCaller()
    {
        using var unopenable = new SqliteDatabase(_dir.File(Path.Combine("missing-folder", "test.db")));

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => unopenable.Write(write => write.Execute("INSERT INTO t (v) VALUES (1)")));
    }

    private Task QueuedBehindLeader(int writes) =>
        Eventually.TrueAsync(() => Task.FromResult(_database.WaitingWrites == writes), $"{writes} writes queued", CancellationToken.None);
}
