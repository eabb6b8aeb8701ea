using Foreman.Api;
using Foreman.Diagnostics;
using Foreman.Models;
using Foreman.Tests.Support;
using Foreman.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Api;

public class ReadinessTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly ModelResidency _residency;
    private readonly WorkerStatus _worker;
    private readonly Readiness _readiness;

    public ReadinessTests()
    {
        _residency = new ModelResidency(new ProbeModelLoader(), new ForemanMetrics(), Options.Create(new ModelOptions { WarmupLevel = 1 }), _time,
            NullLogger<ModelResidency>.Instance);
        _worker = new WorkerStatus(_time);
        var catalog = new ModelCatalog(Options.Create(new ModelCatalogOptions { DefaultModel = "a" }));
        _readiness = new Readiness(catalog, _residency, _worker, Options.Create(new WorkerOptions()),
            Options.Create(new HealthOptions { WorkerStallLimit = TimeSpan.FromSeconds(10) }), _time);
    }

    [Fact]
    public void Problems_DefaultModelNotLoadedYet_NotReady() =>
        Assert.Contains("default model 'a' is unloaded", Assert.Single(_readiness.Problems()));

    [Fact]
    public void Problems_ModelReadyAndWorkerBeating_Ready()
    {
        _residency.Acquire("a", CancellationToken.None);
        _worker.Beat();
        Assert.Empty(_readiness.Problems());
    }

    [Fact]
    public void Problems_WorkerHeartbeatStops_NotReady()
    {
        _residency.Acquire("a", CancellationToken.None);
        _worker.Idle();
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(_readiness.Problems());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("heartbeat was 11 s ago", Assert.Single(_readiness.Problems()));
        _worker.Beat();
        Assert.Empty(_readiness.Problems());
    }

    [Fact]
    public void Problems_DefaultUnloadedAfterKeepAlive_StillReady()
    {
        _residency.Acquire("a", CancellationToken.None);
        _residency.Unload();
        _worker.Beat();
        Assert.Empty(_readiness.Problems());
    }
}
