using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Foreman.Tests.Api;

/// <summary>
/// The default (GPU) build through the real host with the bundled model: on CUDA where it is usable, else on the CPU with
/// the CUDA provider's load failure, naming what this machine lacks, in <c>/health</c> and in the log. The CI machine
/// has no GPU, so there it is the CPU path that runs; on a GPU machine (scripts/gpu-check.sh) the CUDA one.
/// </summary>
public class HealthInferenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_DeviceAuto_RunsOnCudaWhereUsableElseOnTheCpuSayingWhy()
    {
        var logs = new RecordingLoggerProvider();
        await using var app = await StartAsync("auto", logs);
        var model = await WaitForModelAsync(app.Client, "ready");

        var inference = await InferenceAsync(app.Client);
        Assert.Equal("auto", inference.GetProperty("requested_device").GetString());
        Assert.Equal(ForemanBuild.IsGpu, ExecutionProviders(inference).Contains("CUDAExecutionProvider"));
        if (CudaMachine.Usable)
        {
            Assert.Equal("cuda", inference.GetProperty("device").GetString());
            Assert.False(inference.TryGetProperty("reason", out _));
            return;
        }
        Assert.Equal("cpu", inference.GetProperty("device").GetString());
        var reason = inference.GetProperty("reason").GetString()!;
        Assert.StartsWith("CUDA unavailable, running on the CPU: ", reason);
        AssertNamesWhatIsMissing(reason);
        Assert.Equal(reason, model.GetProperty("device_fallback_reason").GetString());
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message == $"Model {RealModels.Bundled} runs on the CPU: {reason}");
        using var ready = await app.Client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // the CPU is slower, not broken
    }

    [Fact]
    public async Task Health_DeviceCuda_RunsOnCudaWhereUsableElseFailsTheModelSayingWhy()
    {
        await using var app = await StartAsync("cuda", new RecordingLoggerProvider());
        var model = await WaitForModelAsync(app.Client, CudaMachine.Usable ? "ready" : "failed");

        var inference = await InferenceAsync(app.Client);
        Assert.Equal("cuda", inference.GetProperty("requested_device").GetString());
        if (CudaMachine.Usable)
        {
            Assert.Equal("cuda", inference.GetProperty("device").GetString());
            return;
        }
        // cuda means CUDA or nothing: a deployment that asked for it must not run slow without a word.
        Assert.False(inference.TryGetProperty("device", out _));
        var reason = inference.GetProperty("reason").GetString()!;
        Assert.StartsWith("device cuda was requested but CUDA is unavailable: ", reason);
        AssertNamesWhatIsMissing(reason);
        Assert.Equal(reason, model.GetProperty("last_error").GetString());
        using var ready = await app.Client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains(reason, (await ready.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task Health_DeviceCpu_SaysItWasAskedFor()
    {
        await using var app = await StartAsync("cpu", new RecordingLoggerProvider());
        await WaitForModelAsync(app.Client, "ready");

        var inference = await InferenceAsync(app.Client);
        Assert.Equal("cpu", inference.GetProperty("requested_device").GetString());
        Assert.Equal("cpu", inference.GetProperty("device").GetString());
        Assert.Equal("Foreman:Inference:Device is cpu", inference.GetProperty("reason").GetString());
    }

    /// <summary>The reason names a library this machine lacks (the loader's words, not just "Failed to load shared library").</summary>
    private static void AssertNamesWhatIsMissing(string reason)
    {
        if (!ForemanBuild.IsGpu)
            Assert.Contains("CPU-only package", reason);
        else if (CudaMachine.MissingLibraries.Count > 0)
            Assert.Contains(CudaMachine.MissingLibraries, library => reason.Contains($"{library}: cannot open shared object file", StringComparison.Ordinal)
                || reason.Contains($"{library} is not installed", StringComparison.Ordinal));
        Assert.DoesNotContain(" at Foreman.", reason); // a sentence, not a stack trace
    }

    private static async Task<ForemanApplication> StartAsync(string device, RecordingLoggerProvider logs)
    {
        var dir = new TempDirectory();
        return await ForemanApplication.StartAsync(new Dictionary<string, string?>
        {
            ["Foreman:ModelsDir"] = RealModels.Create(dir),
            ["Foreman:DefaultModel"] = RealModels.Bundled,
            ["Foreman:Inference:Device"] = device,
            ["Foreman:Models:LoadRetryDelay"] = "01:00:00", // a failed load stays failed while the test reads it
        }, services => services.AddSingleton<ILoggerProvider>(logs), dataDir: dir);
    }

    private static async Task<JsonElement> InferenceAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/health", Ct)).GetProperty("inference");

    private static List<string?> ExecutionProviders(JsonElement inference) =>
        inference.GetProperty("execution_providers").EnumerateArray().Select(p => p.GetString()).ToList();

    private static async Task<JsonElement> WaitForModelAsync(HttpClient client, string state)
    {
        JsonElement model = default;
        await Eventually.TrueAsync(async () =>
        {
            var models = await client.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);
            model = models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == RealModels.Bundled);
            return model.GetProperty("state").GetString() == state;
        }, $"model {RealModels.Bundled} to be {state}", Ct, TimeSpan.FromSeconds(60));
        return model;
    }
}
