using System.Reflection;
using Dapper;
using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Foreman.Queue;

/// <summary>
/// Applies the numbered SQL files of the database's provider (embedded in the build from <c>migrations/</c> and
/// <c>migrations/postgres/</c>) that the database has not seen, in order, each in its own transaction, and records them
/// in <c>schema_migrations</c>; all under the provider's migration lock, so nodes starting together do not race.
/// </summary>
public sealed class MigrationRunner(IQueueDatabase database, ILogger<MigrationRunner> logger)
{
    /// <summary>The migrations embedded under <paramref name="folder"/> (not its subfolders), ordered by their number.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Embedded(string folder)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[folder.Length..])
            .Where(name => !name.Contains('/'))
            .Select(name => (Version: int.Parse(name[..name.IndexOf('_')]), Name: name, Sql: Read(assembly, folder + name)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public void Apply()
    {
        using var connection = database.Open();
        database.WithMigrationLock(connection, () =>
        {
            connection.Execute(database.SchemaMigrationsTable);
            var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
            foreach (var (version, name, sql) in Embedded(database.MigrationsFolder))
            {
                if (applied.Contains(version)) continue;
                using var transaction = connection.BeginTransaction();
                connection.Execute(sql, transaction: transaction);
                connection.Execute("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", new { version = (long)version, name }, transaction);
                transaction.Commit();
                Log.MigrationApplied(logger, name);
            }
        });
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
