using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreman.Tests.Queue;

public class MigrationRunnerTests(PostgresCluster cluster)
{
    [Fact]
    public void Embedded_SqliteFolder_LeavesOutThePostgresSubfolder()
    {
        var sqlite = MigrationRunner.Embedded("migrations/");
        var postgres = MigrationRunner.Embedded("migrations/postgres/");
        Assert.Contains(sqlite, m => m.Name == "0001_jobs.sql");
        Assert.Contains(postgres, m => m.Name == "0002_nodes.sql");
        Assert.DoesNotContain(sqlite, m => m.Sql.Contains("COLLATE \"C\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_PostgresNodesStartingTogether_ApplyEachMigrationOnce()
    {
        using var testDatabase = cluster.CreateDatabase();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(testDatabase.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(
                () => new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).Apply(), TestContext.Current.CancellationToken)));
            using var connection = databases[0].Open();
            var versions = connection.Query<long>("SELECT version FROM schema_migrations ORDER BY version");
            Assert.Equal(MigrationRunner.Embedded(databases[0].MigrationsFolder).Select(m => (long)m.Version), versions);
        }
        finally
        {
            databases.ForEach(d => d.Dispose());
        }
    }
}
