using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Support;

/// <summary>
/// The real host with a probe in place of the ONNX loader and models "a" and "b" on disk: for testing the queue,
/// worker and API without inference. By default the worker loop is off and tests drive it with RunOnceAsync on a fake clock.
/// </summary>
public sealed class ProbeApplication : IAsyncDisposable
{
    private readonly ForemanApplication _app;

    private ProbeApplication(ForemanApplication app, ProbeModelLoader loader, FakeTimeProvider? time)
    {
        _app = app;
        Loader = loader;
        Time = time;
    }

    public ProbeModelLoader Loader { get; }

    /// <summary>The fake clock, when the worker loop is off.</summary>
    public FakeTimeProvider? Time { get; }

    public HttpClient Client => _app.Client;

    /// <summary>The Kestrel address when started with <c>kestrel: true</c>.</summary>
    public Uri? BaseAddress => _app.BaseAddress;

    public IJobStore Store => _app.Get<IJobStore>();

    public AlignmentWorker Worker => _app.Get<AlignmentWorker>();

    public ModelResidency Residency => _app.Get<ModelResidency>();

    public T Get<T>() where T : notnull => _app.Get<T>();

    public string UploadsDir => _app.Get<Microsoft.Extensions.Options.IOptions<Foreman.Queue.StorageOptions>>().Value.UploadsDir;

    public static async Task<ProbeApplication> StartAsync(bool runWorker = false, IDictionary<string, string?>? settings = null, ProbeModelLoader? loader = null,
        bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        loader ??= new ProbeModelLoader();
        var dataDir = new TempDirectory();
        var time = runWorker ? null : new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var all = new Dictionary<string, string?>
        {
            ["Foreman:ModelsDir"] = TestModels.Create(dataDir, "a", "b"),
            ["Foreman:DefaultModel"] = "a",
            ["Foreman:Worker:Enabled"] = runWorker ? "true" : "false",
            ["Foreman:Queue:IdlePollInterval"] = "00:00:00.050",
            ["Foreman:Models:EagerLoadDefault"] = "false",
            ["Foreman:Models:WarmupLevel"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = await ForemanApplication.StartAsync(all, registrations =>
        {
            registrations.AddSingleton<IModelLoader>(loader);
            registrations.AddSingleton<ISongAligner>(loader);
            if (time is not null) registrations.AddSingleton<TimeProvider>(time);
            services?.Invoke(registrations);
        }, dataDir, kestrel);
        return new ProbeApplication(app, loader, time);
    }

    /// <summary>Submits a job through the async API and returns its id.</summary>
    public async Task<string> SubmitAsync(string model = "a", string lyrics = "la la la\nlo lo lo", string? keepAlive = null,
        string? audioUrl = null, string? deadline = null)
    {
        var audio = audioUrl is null ? TestAudio.ToneWav() : null;
        using var response = await Client.PostAsync("/api/v1/jobs", Submit.Form(audio, lyrics, model, keepAlive: keepAlive, audioUrl: audioUrl, deadline: deadline));
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted) Assert.Fail($"submit answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        return job.GetProperty("id").GetString()!;
    }

    /// <summary>Runs the input stage's pending fetches, then the worker until no job is eligible; returns how many jobs it ran.</summary>
    public async Task<int> DrainAsync()
    {
        await Get<Foreman.Worker.InputStage>().FetchPendingAsync(CancellationToken.None);
        var ran = 0;
        while (await Worker.RunOnceAsync(CancellationToken.None)) ran++;
        return ran;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
