using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Tests.Inputs;

/// <summary>
/// Fetching is not inference: bad audio_urls are the input stage's problem, through the real host with the real model
/// and a real HTTP server, and never take the worker's turn.
/// </summary>
public class InputStageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> TrustLoopback = new()
    {
        ["Foreman:Http:AllowHttp"] = "true",
        ["Foreman:Http:AllowedHosts:0"] = "127.0.0.1",
    };

    [Fact]
    public async Task SyncAlign_TarpitUrlJobQueuedFirst_ShortSongAnswersWithinTwoSecondsOfItsOwnTime()
    {
        var tarpitStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/tarpit.wav", async (HttpResponse response, CancellationToken aborted) =>
        {
            // A slow drip: a byte now and then, never the end, never a timeout of the connection.
            response.ContentLength = 1_000_000;
            await response.Body.WriteAsync("RIFF"u8.ToArray(), aborted);
            await response.Body.FlushAsync(aborted);
            tarpitStarted.TrySetResult();
            while (!aborted.IsCancellationRequested)
            {
                await Task.Delay(500, aborted);
                await response.Body.WriteAsync(new byte[1], aborted);
                await response.Body.FlushAsync(aborted);
            }
        }));
        await using var app = await ForemanApplication.StartAsync(TrustLoopback);
        var song = TestAudio.ToneWav(seconds: 2);

        // The call's own time, model resident (the first call loads it).
        await AlignAsync(app, song);
        var alone = await AlignAsync(app, song);

        using (var submitted = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(null, "la la", audioUrl: server.Url("/tarpit.wav")), Ct))
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await tarpitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var behindTarpit = await AlignAsync(app, song);

        TestContext.Current.TestOutputHelper?.WriteLine($"sync call alone {alone.TotalSeconds:0.00} s, behind a tarpit audio_url {behindTarpit.TotalSeconds:0.00} s");
        Assert.True(behindTarpit - alone < TimeSpan.FromSeconds(2),
            $"a short song took {behindTarpit.TotalSeconds:0.0} s behind a tarpit audio_url, {alone.TotalSeconds:0.0} s alone");
    }

    private static async Task<TimeSpan> AlignAsync(ForemanApplication app, byte[] song)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(song, "la la\nlo lo"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return stopwatch.Elapsed;
    }

    [Fact]
    public async Task Submit_UnresolvableHost_FailsWithinTenSecondsWithoutTheWorker()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: true);
        var stopwatch = Stopwatch.StartNew();
        var id = await app.SubmitAsync(audioUrl: "https://no-such-host.invalid/song.wav");

        await Eventually.TrueAsync(() => Task.FromResult(app.Store.Get(id)!.JobState.IsTerminal()), "the job to fail", Ct, TimeSpan.FromSeconds(30));

        TestContext.Current.TestOutputHelper?.WriteLine($"unresolvable host failed its job after {stopwatch.Elapsed.TotalSeconds:0.00} s");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"failed after {stopwatch.Elapsed.TotalSeconds:0.0} s");
        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Contains("no-such-host.invalid does not resolve", job.LastError);
        Assert.Equal(0, job.Attempt); // never claimed: no worker time
        Assert.Equal(0, app.Loader.Aligns);
        Assert.Equal(["queued", "failed"], app.Store.Events(id).Select(e => e.State));
    }

    [Fact]
    public async Task Submit_UrlJobThen404_FailsAtOnceAndANewerUploadRunsFirst()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/missing.wav", () => Results.NotFound()));
        await using var app = await ProbeApplication.StartAsync(settings: TrustLoopback);
        var url = await app.SubmitAsync(audioUrl: server.Url("/missing.wav"));
        var upload = await app.SubmitAsync();

        // The worker alone: the url job's audio is not stored, so the newer upload is the only one it can claim.
        Assert.True(await app.Worker.RunOnceAsync(Ct));
        Assert.Equal(JobState.Done, app.Store.Get(upload)!.JobState);
        Assert.Equal(JobState.Queued, app.Store.Get(url)!.JobState);
        Assert.Equal(0, server.Requests("/missing.wav"));

        await app.DrainAsync();
        var failed = app.Store.Get(url)!;
        Assert.Equal(JobState.Failed, failed.JobState);
        Assert.Contains("answered 404 Not Found", failed.LastError);
        Assert.Equal(1, server.Requests("/missing.wav"));
    }

    [Fact]
    public async Task Retry_FailedJobWhoseAudioWasFetched_IsNotFetchedAgain()
    {
        var song = TestAudio.ToneWav();
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/song.wav", () => LocalHttpServer.File(song)));
        var loader = new ProbeModelLoader { FailOn = n => n == 1 ? new Foreman.Alignment.AlignmentInputException("first run fails") : null };
        await using var app = await ProbeApplication.StartAsync(settings: TrustLoopback, loader: loader);
        var id = await app.SubmitAsync(audioUrl: server.Url("/song.wav"));
        await app.DrainAsync();
        Assert.Equal(JobState.Failed, app.Store.Get(id)!.JobState);

        using (var retried = await app.Client.PostAsync($"/api/v1/jobs/{id}/retry", null, Ct))
            Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync(Ct));
        await app.DrainAsync();

        var job = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}", Ct);
        Assert.Equal("done", job.GetProperty("state").GetString());
        Assert.Equal(1, server.Requests("/song.wav"));
    }
}
