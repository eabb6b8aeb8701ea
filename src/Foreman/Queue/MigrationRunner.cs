using System.Reflection;
using Dapper;
using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Foreman.Queue;

/// <summary>
/// Applies the numbered SQL files under <c>migrations/</c> (embedded in the build) that the database has not seen,
/// in order, each in its own transaction, and records them in <c>schema_migrations</c>.
/// </summary>
public sealed class MigrationRunner(SqliteDatabase database, ILogger<MigrationRunner> logger)
{
    private const string ResourcePrefix = "migrations/";

    /// <summary>The embedded migrations, ordered by their number: (version, name, sql).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Select(name => (Version: int.Parse(name[..name.IndexOf('_')]), Name: name, Sql: Read(assembly, ResourcePrefix + name)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public void Apply()
    {
        using var connection = database.Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            )
            """);
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var (version, name, sql) in Embedded())
        {
            if (applied.Contains(version)) continue;
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", new { version, name }, transaction);
            transaction.Commit();
            Log.MigrationApplied(logger, name);
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
