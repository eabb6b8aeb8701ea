using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary>Model lifecycle and health through the real host and real ONNX Runtime.</summary>
public class HealthApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ForemanApplication> StartAsync(TempDirectory dir, string defaultModel, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Foreman:ModelsDir"] = RealModels.Create(dir, "broken"),
            ["Foreman:DefaultModel"] = defaultModel,
            ["Foreman:Queue:RetryBaseDelay"] = "00:00:00",
            ["Foreman:Queue:MaxAttempts"] = "2",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return await ForemanApplication.StartAsync(settings, dataDir: dir);
    }

    private static async Task<JsonElement> WaitForModelAsync(HttpClient client, string name, string state)
    {
        JsonElement model = default;
        await Eventually.TrueAsync(async () =>
        {
            var models = await client.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct);
            model = models.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
            return model.GetProperty("state").GetString() == state;
        }, $"model {name} to be {state}", Ct, TimeSpan.FromSeconds(60));
        return model;
    }

    [Fact]
    public async Task Start_GoodDefaultModel_BecomesReadyWithTimings()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, RealModels.Bundled);
        using (var live = await app.Client.GetAsync("/health/live", Ct)) Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var model = await WaitForModelAsync(app.Client, RealModels.Bundled, "ready");
        Assert.True(model.GetProperty("resident").GetBoolean());
        Assert.True(model.GetProperty("default").GetBoolean());
        Assert.Equal("cpu", model.GetProperty("device").GetString());
        Assert.True(model.GetProperty("load_ms").GetDouble() > 0);
        Assert.True(model.GetProperty("warmup_ms").GetDouble() > 0);
        using var ready = await app.Client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var broken = await WaitForModelAsync(app.Client, "broken", "unloaded"); // discovered, not loaded until asked for
        Assert.False(broken.GetProperty("resident").GetBoolean());
    }

    [Fact]
    public async Task Start_CorruptDefaultModel_ServerUpNotReadyWithReason()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, "broken");
        var model = await WaitForModelAsync(app.Client, "broken", "failed");
        Assert.Contains("is not an ONNX model", model.GetProperty("last_error").GetString());

        using var ready = await app.Client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("default model 'broken' failed to load", body.GetProperty("reasons")[0].GetString());
        using var live = await app.Client.GetAsync("/health/live", Ct);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Job_ForCorruptModel_FailsAtOnceWithLoadReason()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, RealModels.Bundled);
        await WaitForModelAsync(app.Client, RealModels.Bundled, "ready");
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(2), "la la", model: "broken"), Ct);
        var problem = await JobsApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "model 'broken' could not be loaded");
        var job = app.Get<IJobStore>().Get(problem.GetProperty("job_id").GetString()!)!;
        Assert.Equal(1, job.Attempt); // a corrupt file is a permanent error, not one retry after another
        await WaitForModelAsync(app.Client, "broken", "failed");
    }

    [Fact]
    public async Task AlternatingJobs_GoodAndCorruptModel_LoadTheGoodModelOnce()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, RealModels.Bundled, new() { ["Foreman:Queue:MaxAttempts"] = "5" });
        await WaitForModelAsync(app.Client, RealModels.Bundled, "ready");
        for (var i = 0; i < 20; i++)
        {
            var model = i % 2 == 0 ? RealModels.Bundled : "broken";
            using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(1), "la", model: model), Ct);
            Assert.Equal(model == "broken" ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK, response.StatusCode);
        }

        var metrics = await app.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains($"foreman_model_loads_total{{model=\"{RealModels.Bundled}\"}} 1\n", metrics);
        Assert.DoesNotContain($"foreman_model_unloads_total{{model=\"{RealModels.Bundled}\"}}", metrics);
        Assert.Equal(10, app.Get<IJobStore>().List(JobState.Failed, "broken", null, 100).Count(j => j.Attempt == 1));
        var broken = await WaitForModelAsync(app.Client, "broken", "failed");
        Assert.Equal(JsonValueKind.String, broken.GetProperty("next_load_at").ValueKind);
    }

    [Fact]
    public async Task Start_CorruptDefaultModelFixedOnDisk_BecomesReadyWithoutTraffic()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, "broken", new()
        {
            ["Foreman:Models:LoadRetryDelay"] = "00:00:00.200",
            ["Foreman:Models:LoadRetryMaxDelay"] = "00:00:01",
        });
        var failed = await WaitForModelAsync(app.Client, "broken", "failed");
        Assert.Equal(JsonValueKind.String, failed.GetProperty("next_load_at").ValueKind);
        using (var ready = await app.Client.GetAsync("/health/ready", Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("next try at", (await ready.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reasons")[0].GetString());
        }

        File.Copy(Path.Combine(RepositoryPaths.ModelsDir, RealModels.Bundled, "model.onnx"), Path.Combine(dir.Path, "models", "broken", "model.onnx"), overwrite: true);

        await WaitForModelAsync(app.Client, "broken", "ready"); // no job, no restart
        using var after = await app.Client.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Health_WithoutKey_ShowsErrorsWithoutFilePaths()
    {
        using var dir = new TempDirectory();
        await using var app = await StartAsync(dir, "broken", new() { ["Foreman:ApiKeys:0"] = "operator-key" });
        JsonElement health = default;
        await Eventually.TrueAsync(async () =>
        {
            health = await app.Client.GetFromJsonAsync<JsonElement>("/health", Ct);
            return health.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "broken").GetProperty("state").GetString() == "failed";
        }, "the broken model to fail", Ct);

        using var ready = await app.Client.GetAsync("/health/ready", Ct);
        var anonymous = health.GetRawText() + await ready.Content.ReadAsStringAsync(Ct) + await app.Client.GetStringAsync("/metrics", Ct);
        Assert.DoesNotContain(dir.Path, anonymous);
        Assert.Contains("…/model.onnx is not an ONNX model", anonymous);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-API-Key", "operator-key");
        using var withKey = await app.Client.SendAsync(request, Ct);
        Assert.Contains(Path.Combine(dir.Path, "models", "broken", "model.onnx"), await withKey.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Health_Report_ShowsModelsWorkerQueueAndVersion()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync();
        var health = await app.Client.GetFromJsonAsync<JsonElement>("/health", Ct);
        Assert.Equal(1, health.GetProperty("jobs").GetProperty("queued").GetInt64());
        Assert.True(health.GetProperty("oldest_queued_age_seconds").GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(health.GetProperty("node").GetString()));
        Assert.Equal(2, health.GetProperty("models").GetArrayLength());
        Assert.True(health.TryGetProperty("worker", out _));
        Assert.True(health.TryGetProperty("inference", out _)); // HealthInferenceTests: what it says
    }
}
