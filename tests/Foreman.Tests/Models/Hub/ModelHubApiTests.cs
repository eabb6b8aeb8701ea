using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.Models.Hub;

public class ModelHubApiTests
{
    [Fact]
    public async Task PostPull_RunsInBackground_ShowsProgressThenReady()
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.PauseOnce("model.onnx", 1_000_000, reached, resume.Task);
        var files = TestHub.BundledModelFiles();
        var smallFiles = files["vocab.json"].Length + files["preprocessor_config.json"].Length;
        var total = smallFiles + files["model.onnx"].Length;

        using var accepted = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model = PullFixture.Repository, @as = "tiny" }, Ct);
        await reached.Task.WaitAsync(Ct);
        var during = await PullAsync(app);
        using var second = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model = PullFixture.Repository, @as = "other" }, Ct);
        resume.SetResult();
        await app.Get<ModelPulls>().Completion.WaitAsync(Ct);
        var after = await PullAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("pulling", during.GetProperty("state").GetString());
        Assert.Equal("model.onnx", during.GetProperty("file").GetString());
        Assert.InRange(during.GetProperty("bytes_done").GetInt64(), smallFiles, total - 1);
        Assert.Equal(total, during.GetProperty("bytes_total").GetInt64());
        await AssertProblemAsync(second, HttpStatusCode.Conflict, "is running");
        Assert.Equal("ready", after.GetProperty("state").GetString());
        Assert.Equal(total, after.GetProperty("bytes_done").GetInt64());
        Assert.Contains("tiny", await ModelNamesAsync(app));
    }

    [Fact]
    public async Task PostPull_MissingRepository_EndsFailedWithTheReason()
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);

        using var accepted = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model = "acme/nothing" }, Ct);
        await app.Get<ModelPulls>().Completion.WaitAsync(Ct);
        var pull = await PullAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("failed", pull.GetProperty("state").GetString());
        Assert.Contains("404", pull.GetProperty("error").GetString());
        Assert.DoesNotContain("nothing", await ModelNamesAsync(app));
    }

    [Theory]
    [InlineData("../etc", null, HttpStatusCode.BadRequest)]
    [InlineData(PullFixture.Repository, "../a", HttpStatusCode.BadRequest)]
    [InlineData(PullFixture.Repository, "b", HttpStatusCode.Conflict)]
    public async Task PostPull_BadNameOrExistingModel_RefusedAtOnce(string model, string? localName, HttpStatusCode status)
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);

        using var response = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model, @as = localName }, Ct);

        await AssertProblemAsync(response, status, "");
        Assert.Empty(hub.Transfers);
    }

    [Fact]
    public async Task PostPull_Variant_InstallsThatOnnxFile()
    {
        await using var hub = await StartHubAsync();
        var files = TestHub.TransformersJsLayout("default", "quantized");
        hub.Add("Xenova/wav2vec2-base-960h", files);
        await using var app = await StartAsync(hub);

        using var accepted = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model = "Xenova/wav2vec2-base-960h", variant = "quantized" }, Ct);
        await app.Get<ModelPulls>().Completion.WaitAsync(Ct);
        var pull = await PullAsync(app);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("ready", pull.GetProperty("state").GetString());
        Assert.Equal("quantized", pull.GetProperty("variant").GetString());
        var installed = File.ReadAllBytes(Path.Combine(app.Get<ModelCatalog>().PathOf("wav2vec2-base-960h"), "model.onnx"));
        Assert.Equal(TestHub.Sha256(files["onnx/model_quantized.onnx"]), TestHub.Sha256(installed));
    }

    [Fact]
    public async Task PostPull_MalformedVariant_BadRequest()
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);

        using var response = await app.Client.PostAsJsonAsync("/api/v1/models/pull", new { model = PullFixture.Repository, variant = "../x" }, Ct);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "not a variant");
        Assert.Empty(hub.Transfers);
    }

    [Fact]
    public async Task Delete_Refusals_AreConflictProblems()
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);
        using var submitted = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la la la", "b"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        using var defaultModel = await app.Client.DeleteAsync("/api/v1/models/a", Ct);
        using var queued = await app.Client.DeleteAsync("/api/v1/models/b", Ct);
        using var unknown = await app.Client.DeleteAsync("/api/v1/models/nope", Ct);

        await AssertProblemAsync(defaultModel, HttpStatusCode.Conflict, "default model");
        await AssertProblemAsync(queued, HttpStatusCode.Conflict, "1 queued");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no model 'nope'");
        Assert.Equal(["a", "b", "c"], await ModelNamesAsync(app));
    }

    [Fact]
    public async Task Delete_IdleModel_RemovesIt()
    {
        await using var hub = await StartHubAsync();
        await using var app = await StartAsync(hub);

        using var response = await app.Client.DeleteAsync("/api/v1/models/c", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["a", "b"], await ModelNamesAsync(app));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestHub> StartHubAsync()
    {
        var hub = await TestHub.StartAsync();
        hub.Add(PullFixture.Repository, TestHub.BundledModelFiles());
        return hub;
    }

    // Models a (default), b and c on disk behind a probe loader; the real ONNX check still runs on what is pulled.
    private static Task<ForemanApplication> StartAsync(TestHub hub)
    {
        var dataDir = new TempDirectory();
        return ForemanApplication.StartAsync(new Dictionary<string, string?>
        {
            ["Foreman:ModelsDir"] = TestModels.Create(dataDir, "a", "b", "c"),
            ["Foreman:DefaultModel"] = "a",
            ["Foreman:Worker:Enabled"] = "false",
            ["Foreman:Models:EagerLoadDefault"] = "false",
            ["Foreman:Hub:BaseUrl"] = hub.BaseUrl,
            ["Foreman:Hub:RetryDelay"] = "00:00:00",
        }, services => services.AddSingleton<IModelLoader>(new ProbeModelLoader()), dataDir);
    }

    private static async Task<JsonElement> PullAsync(ForemanApplication app) =>
        (await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct)).GetProperty("pull");

    private static async Task<List<string>> ModelNamesAsync(ForemanApplication app) =>
        (await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/models", Ct)).GetProperty("models").EnumerateArray()
            .Select(m => m.GetProperty("name").GetString()!).ToList();

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }
}
