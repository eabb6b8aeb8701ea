using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Models.Hub;

/// <summary>A test hub holding the bundled model as <c>acme/tiny</c>, an empty models directory, and pullers aimed at them.</summary>
public sealed class PullFixture : IAsyncDisposable
{
    public const string Repository = "acme/tiny";

    private readonly List<HubClient> _clients = [];
    private readonly TempDirectory _root = new();

    private PullFixture(TestHub hub)
    {
        Hub = hub;
        Catalog = new ModelCatalog(Options.Create(new ModelCatalogOptions { ModelsDir = Path.Combine(_root.Path, "models") }));
    }

    public TestHub Hub { get; }

    public ModelCatalog Catalog { get; }

    public string ModelsDir => Catalog.Directory;

    public string StagingDir => Path.Combine(ModelsDir, ModelPuller.WorkFolder);

    public static async Task<PullFixture> StartAsync(bool onnxFolder = false)
    {
        var hub = await TestHub.StartAsync();
        hub.Add(Repository, TestHub.BundledModelFiles(onnxFolder));
        return new PullFixture(hub);
    }

    public ModelPuller Puller(int maxAttempts = 5, string? token = null, ModelJobs jobs = default)
    {
        var options = new HubOptions { BaseUrl = Hub.BaseUrl, Token = token, MaxAttempts = maxAttempts, RetryDelay = TimeSpan.Zero };
        var client = new HubClient(options);
        _clients.Add(client);
        return new ModelPuller(client, Options.Create(options), Catalog, new FixedUsage(jobs), Options.Create(new InferenceOptions()),
            TimeProvider.System, NullLogger<ModelPuller>.Instance);
    }

    public static PullRequest Request(string source = Repository, string localName = "tiny", bool force = false)
    {
        Assert.True(HubModelReference.TryParse(source, out var reference, out var error), error);
        return new PullRequest(reference, localName, force);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Hub.DisposeAsync();
        _root.Dispose();
    }

    public sealed class FixedUsage(ModelJobs jobs) : IModelUsage
    {
        public ModelJobs JobsOf(string model) => jobs;
    }
}
