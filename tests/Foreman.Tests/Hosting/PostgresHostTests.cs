using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;
using Foreman.Worker;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Hosting;

/// <summary>The whole host with <c>Foreman:Database = postgres</c>: API, worker and node list on a shared database.</summary>
public sealed class PostgresHostTests(PostgresCluster cluster) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly PostgresTestDatabase _database = cluster.CreateDatabase();
    private readonly TempDirectory _sharedUploads = new();

    public void Dispose()
    {
        _sharedUploads.Dispose();
        _database.Dispose();
    }

    private Dictionary<string, string?> Postgres() => new()
    {
        ["Foreman:Database"] = "postgres",
        ["Foreman:Postgres:ConnectionString"] = _database.ConnectionString,
        ["Foreman:SharedUploadsDir"] = _sharedUploads.Path,
    };

    [Fact]
    public async Task Submit_Postgres_StoresUploadInSharedDirAndRunsTheJob()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Postgres());
        Assert.IsType<PostgresJobStore>(app.Store);
        var id = await app.SubmitAsync();
        Assert.Equal(app.Store.Get(id)!.AudioPath, Assert.Single(Directory.GetFiles(_sharedUploads.Path)));

        Assert.Equal(1, await app.DrainAsync());
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task RescueAtStartup_Postgres_LeavesLiveLeasesOfOtherNodesAlone()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Postgres());
        var id = await app.SubmitAsync();
        Assert.NotNull(app.Store.TryClaim(id, JobState.Working, "another-node", TimeSpan.FromSeconds(30)));

        Assert.Equal(0, app.Worker.RescueAtStartup());
        Assert.Equal("another-node", app.Store.Get(id)!.LeaseOwner);
        app.Time!.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, app.Worker.RescueAtStartup());
    }

    [Fact]
    public async Task ListNodes_TwoNodesOnOneDatabase_ListsBothWithSelfMarked()
    {
        await using var first = await ProbeApplication.StartAsync(settings: Postgres());
        await using var second = await ProbeApplication.StartAsync(settings: Postgres());
        var body = await first.Client.GetFromJsonAsync<JsonElement>("/api/v1/nodes", Ct);
        var nodes = body.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("self").GetBoolean());
        Assert.Equal(new Dictionary<string, bool>
        {
            [first.Get<WorkerIdentity>().Owner] = true,
            [second.Get<WorkerIdentity>().Owner] = false,
        }, nodes);
        var metrics = await first.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains("foreman_nodes_live 2", metrics);
    }

    [Fact]
    public async Task Start_PostgresWithoutSharedUploadsDir_FailsNamingTheSetting()
    {
        var settings = Postgres();
        settings.Remove("Foreman:SharedUploadsDir");
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ProbeApplication.StartAsync(settings: settings));
        Assert.Contains("Foreman:SharedUploadsDir is required", error.Message);
    }
}
