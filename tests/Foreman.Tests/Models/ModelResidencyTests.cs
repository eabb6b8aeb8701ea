using Foreman.Diagnostics;
using Foreman.Models;
using Foreman.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Models;

public class ModelResidencyTests
{
    private readonly ProbeModelLoader _loader = new();
    private readonly FakeTimeProvider _time = new();
    private readonly ForemanMetrics _metrics = new();

    private ModelResidency Residency(int warmupLevel = 2, TimeSpan? loadTimeout = null) => new(_loader, _metrics,
        Options.Create(new ModelOptions { WarmupLevel = warmupLevel, LoadTimeout = loadTimeout ?? TimeSpan.FromMinutes(2) }),
        _time, NullLogger<ModelResidency>.Instance);

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    public void Acquire_WarmupLevel_RunsThatManyInferencesAndRecordsTimes(int level, int inferences)
    {
        using var residency = Residency(level);
        residency.Acquire("a", CancellationToken.None);
        Assert.Equal(inferences, _loader.Listens);
        var status = residency.StatusOf("a");
        Assert.Equal(ModelState.Ready, status.State);
        Assert.NotNull(status.LoadMilliseconds);
        Assert.NotNull(status.WarmupMilliseconds);
        Assert.Equal("cpu", status.Device);
        Assert.Equal(1, _metrics.ModelLoads.Value("a"));
    }

    [Fact]
    public void Acquire_OtherModel_UnloadsResidentFirst()
    {
        using var residency = Residency();
        residency.Acquire("a", CancellationToken.None);
        residency.Acquire("b", CancellationToken.None);
        Assert.Equal("b", residency.ResidentModel);
        Assert.Equal(1, _loader.Unloads);
        Assert.Equal(ModelState.Unloaded, residency.StatusOf("a").State);
        Assert.Equal(1, _metrics.ModelSwaps.Value("b"));
    }

    [Fact]
    public async Task Acquire_ConcurrentRequestsForSameModel_ShareOneLoad()
    {
        _loader.LoadGate = new ManualResetEventSlim(false);
        using var residency = Residency(1);
        var first = Task.Run(() => residency.Acquire("a", CancellationToken.None));
        var second = Task.Run(() => residency.Acquire("a", CancellationToken.None));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(ModelState.Loading, residency.StatusOf("a").State); // readable while the load runs
        _loader.LoadGate.Set();
        Assert.Same(await first, await second);
        Assert.Equal(["a"], _loader.Loads);
    }

    [Fact]
    public void Acquire_LoadThrows_MarksFailedWithReason()
    {
        _loader.FailLoad = name => new InvalidDataException($"{name}/model.onnx is not an ONNX model");
        using var residency = Residency();
        var error = Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None));
        Assert.Contains("is not an ONNX model", error.Message);
        var status = residency.StatusOf("a");
        Assert.Equal(ModelState.Failed, status.State);
        Assert.Contains("is not an ONNX model", status.LastError);
        Assert.Null(residency.ResidentModel);
    }

    [Fact]
    public void Acquire_DuringQuarantine_FailsWithoutEvictingTheResidentModel_ThenLoadsAgain()
    {
        var corrupt = true;
        _loader.FailLoad = name => name == "a" && corrupt ? new InvalidDataException("a/model.onnx is not an ONNX model") : null;
        using var residency = Residency(1);
        Assert.True(Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None)).Permanent);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), residency.StatusOf("a").NextLoadAt);
        residency.Acquire("b", CancellationToken.None);

        corrupt = false; // fixed on disk, but quarantined for a while yet
        var quarantined = Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None));
        Assert.Contains("quarantined until", quarantined.Message);
        Assert.Equal("b", residency.ResidentModel);
        Assert.Equal(["b"], _loader.Loads);

        _time.Advance(TimeSpan.FromSeconds(5));
        residency.Acquire("a", CancellationToken.None);
        Assert.Equal(ModelState.Ready, residency.StatusOf("a").State);
        Assert.Equal(0, residency.StatusOf("a").Failures);
        Assert.Equal(1, _metrics.ModelSwaps.Value("a"));
    }

    [Fact]
    public void Acquire_FailsAgain_QuarantineDoublesUpToTheLongest()
    {
        _loader.FailLoad = _ => new InvalidDataException("corrupt");
        using var residency = Residency(1);
        foreach (var seconds in new[] { 5, 10, 20, 30, 30 })
        {
            Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None));
            Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(seconds), residency.StatusOf("a").NextLoadAt);
            _time.Advance(TimeSpan.FromSeconds(seconds));
        }
        Assert.Equal(5, _metrics.ModelLoadFailures.Value("a"));
    }

    [Fact]
    public void Acquire_HungLoad_FailsAfterTimeout()
    {
        _loader.LoadGate = new ManualResetEventSlim(false);
        using var residency = Residency(loadTimeout: TimeSpan.FromMilliseconds(200));
        var error = Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None));
        Assert.Contains("did not finish within", error.Message);
        Assert.Equal(ModelState.Failed, residency.StatusOf("a").State);
        _loader.LoadGate.Set();
    }

    [Fact]
    public void Acquire_WarmupFails_MarksFailedAndReleasesModel()
    {
        _loader.FailListen = () => new InvalidOperationException("logits are NaN");
        using var residency = Residency();
        Assert.Throws<ModelLoadException>(() => residency.Acquire("a", CancellationToken.None));
        Assert.Equal(1, _loader.Unloads);
        Assert.Contains("warm-up", residency.StatusOf("a").LastError);
    }

    [Fact]
    public void Release_KeepAliveNegative_NeverUnloads()
    {
        using var residency = Residency(1);
        residency.Acquire("a", CancellationToken.None);
        residency.Release(TimeSpan.FromSeconds(-1));
        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(residency.UnloadIfExpired());
        Assert.Equal("a", residency.ResidentModel);
    }

    [Fact]
    public void Unload_ReleasesModelAndRecordsState()
    {
        using var residency = Residency(1);
        residency.Acquire("a", CancellationToken.None);
        residency.Unload();
        Assert.Null(residency.ResidentModel);
        Assert.Equal(ModelState.Unloaded, residency.StatusOf("a").State);
        Assert.True(residency.StatusOf("a").EverReady);
        Assert.Equal(1, _metrics.ModelUnloads.Value("a"));
    }

    [Fact]
    public void ModelOptions_Defaults_ArePinned()
    {
        var options = new ModelOptions();
        Assert.True(options.EagerLoadDefault);
        Assert.Equal(TimeSpan.FromMinutes(2), options.LoadTimeout);
        Assert.Equal(2, options.WarmupLevel);
        Assert.Equal(TimeSpan.FromSeconds(5), options.WarmupSeconds);
    }
}
