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
}
