using System.Diagnostics;
using Dapper;
using Foreman.Tests.Support;
using Npgsql;

[assembly: AssemblyFixture(typeof(PostgresCluster))]

namespace Foreman.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb in a temp directory, started on a free loopback port
/// the first time a test asks for a database (so runs without PostgreSQL tests never start it), stopped at the end.
/// Each test gets a fresh database. initdb refuses root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly Lazy<(string BinDir, string DataDir, string AdminConnection)> _started;

    public PostgresCluster() => _started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the cluster's <c>postgres</c> database, for creating others.</summary>
    public string AdminConnectionString => _started.Value.AdminConnection;

    /// <summary>A new empty database, dropped on dispose.</summary>
    public PostgresTestDatabase CreateDatabase()
    {
        var name = "foreman_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(AdminConnectionString))
            admin.Execute($"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new PostgresTestDatabase(connectionString, () =>
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
            using var admin = new NpgsqlConnection(AdminConnectionString);
            admin.Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public void Dispose()
    {
        if (!_started.IsValueCreated) return;
        var (binDir, dataDir, _) = _started.Value;
        NpgsqlConnection.ClearAllPools();
        RunTool(Path.Combine(binDir, "pg_ctl"), "-D", dataDir, "-m", "immediate", "-w", "stop");
        Directory.Delete(Path.GetDirectoryName(dataDir)!, recursive: true);
    }

    private static (string, string, string) Start()
    {
        var binDir = FindBinDir() ?? InstallAndFindBinDir();
        var root = Path.Combine(Path.GetTempPath(), "foreman-tests", "postgres-" + Guid.NewGuid().ToString("N"));
        var dataDir = Path.Combine(root, "data");
        Directory.CreateDirectory(dataDir);
        if (Environment.IsPrivilegedProcess) Run("chown", "-R", $"{ServiceUser}:{ServiceUser}", root);

        var port = ForemanProcess.FreePort();
        RunTool(Path.Combine(binDir, "initdb"), "-D", dataDir, "-U", "foreman", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
        // Durability is pointless for a throwaway cluster; the settings keep tests fast on a shared machine.
        var settings = $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root} -c max_connections=300 " +
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        RunTool(Path.Combine(binDir, "pg_ctl"), "-D", dataDir, "-l", Path.Combine(root, "server.log"), "-o", settings, "-w", "start");
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "foreman", Database = "postgres",
        }.ConnectionString;
        return (binDir, dataDir, admin);
    }

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c> (Debian's layout) that has initdb.</summary>
    private static string? FindBinDir()
    {
        const string versions = "/usr/lib/postgresql";
        if (!Directory.Exists(versions)) return null;
        return Directory.GetDirectories(versions)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static string InstallAndFindBinDir()
    {
        Run("bash", Path.Combine(RepositoryPaths.Root, "scripts", "ensure-deps.sh"), "postgres");
        return FindBinDir() ?? throw new InvalidOperationException("PostgreSQL is not installed and scripts/ensure-deps.sh postgres did not install it");
    }

    /// <summary>Runs a PostgreSQL tool, as the <c>postgres</c> user when this process is root (the tools refuse root).</summary>
    private static void RunTool(string tool, params string[] arguments)
    {
        if (Environment.IsPrivilegedProcess) Run("runuser", ["-u", ServiceUser, "--", tool, .. arguments]);
        else Run(tool, arguments);
    }

    private static void Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }
}

/// <summary>A database of the test cluster, dropped on dispose.</summary>
public sealed class PostgresTestDatabase(string connectionString, Action drop) : IDisposable
{
    public string ConnectionString { get; } = connectionString;

    public void Dispose() => drop();
}
