using System.Net;
using Foreman.Inputs;
using Foreman.Inputs.Http;
using Foreman.Queue;
using Foreman.Tests.Api;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Tests.Inputs.Http;

/// <summary>http(s) inputs from a real HTTP server on 127.0.0.1, trusted through the allow-list unless a test says otherwise.</summary>
public class HttpAudioFetcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Song = TestAudio.ToneWav(seconds: 1);

    private static Task<LocalHttpServer> ServeAsync()
    {
        var flakyCalls = new int[1];
        return LocalHttpServer.StartAsync(app => Map(app, flakyCalls));
    }

    private static void Map(WebApplication app, int[] flakyCalls)
    {
        app.MapGet("/song.wav", () => LocalHttpServer.File(Song));
        app.MapGet("/long.wav", () => LocalHttpServer.File(TestAudio.ToneWav(seconds: 3)));
        app.MapGet("/chunked.wav", async (HttpResponse response) =>
        {
            for (var i = 0; i < 4; i++) await response.Body.WriteAsync(Song);
        });
        app.MapGet("/to-private", () => Results.Redirect("http://10.1.2.3/song.wav"));
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        app.MapGet("/to-song", () => Results.Redirect("/song.wav"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/missing.wav", () => Results.NotFound());
        app.MapGet("/flaky.wav", () => Interlocked.Increment(ref flakyCalls[0]) == 1 ? Results.StatusCode(503) : LocalHttpServer.File(Song));
        app.MapGet("/hang.wav", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
    }

    private static Task<ProbeApplication> StartAsync(bool trusted = true, bool runWorker = false, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Foreman:Http:AllowHttp"] = "true",
            ["Foreman:Inputs:FetchRetries"] = "1",
            ["Foreman:Inputs:FetchRetryDelay"] = "00:00:00",
        };
        if (trusted) settings["Foreman:Http:AllowedHosts:0"] = "127.0.0.1";
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return ProbeApplication.StartAsync(runWorker, settings);
    }

    /// <summary>What the input stage and then the worker do with a job's audio_url: fetch and check it, then decode it.</summary>
    private static async Task<float[]> LoadAsync(ProbeApplication app, string url)
    {
        var inputs = app.Get<AudioInputs>();
        using var folder = new TempDirectory();
        var path = folder.File("fetched.audio");
        await inputs.FetchCheckedAsync(new Uri(url), path, Ct);
        return await inputs.LoadAsync(new AudioSource(path, url), 16000, Ct);
    }

    [Fact]
    public async Task Download_AllowedHost_JobAligns()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync();
        var id = await app.SubmitAsync(audioUrl: server.Url("/to-song"), lyrics: "one\ntwo");
        await app.DrainAsync();
        var job = app.Store.Get(id)!;
        Assert.True(job.JobState == JobState.Done, job.LastError);
        Assert.Equal(1, server.Requests("/song.wav"));
    }

    [Fact]
    public async Task Download_ChunkedBody_StreamsToTheEnd()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync();
        // Four WAVs back to back: the first header's data length wins, so this is the first second of audio.
        Assert.Equal(16000, (await LoadAsync(app, server.Url("/chunked.wav"))).Length);
    }

    [Fact]
    public async Task Download_LoopbackNameWithoutAllowList_BlockedAfterDnsResolution()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(trusted: false);
        var url = $"http://localhost:{server.BaseAddress.Port}/song.wav";
        // The URL rules at submit would refuse "localhost" already; the fetcher's own check is what stops names that
        // only resolve to a loopback address (DNS rebinding), so call it directly.
        var path = Path.Combine(app.UploadsDir, "x.download");
        Directory.CreateDirectory(app.UploadsDir);
        var e = await Assert.ThrowsAsync<UnusableAudioException>(() => app.Get<HttpAudioFetcher>().DownloadAsync(new Uri(url), path, 1 << 20, Ct));
        Assert.Contains("localhost resolves to", e.Message);
        Assert.Contains("a loopback address", e.Message);
        Assert.Equal(0, server.Requests("/song.wav"));
    }

    [Fact]
    public async Task Submit_AllowListEntryInOtherCaseWithTrailingDot_TrustsTheName()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(trusted: false, extra: new() { ["Foreman:Http:AllowedHosts:0"] = "LOCALHOST." });
        var id = await app.SubmitAsync(audioUrl: $"http://LocalHost:{server.BaseAddress.Port}/song.wav", lyrics: "one\ntwo");
        await app.DrainAsync();
        var job = app.Store.Get(id)!;
        Assert.True(job.JobState == JobState.Done, job.LastError);
    }

    [Fact]
    public async Task Submit_LoopbackLiteralWithoutAllowList_Is400()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(trusted: false);
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(null, "la", audioUrl: server.Url("/song.wav")), Ct);
        await JobsApiTests.AssertProblem(response, HttpStatusCode.BadRequest, "127.0.0.1 is a loopback address");
    }

    [Theory]
    [InlineData("/to-private", "redirects to http://10.1.2.3/song.wav, which is blocked: 10.1.2.3 is a private address")]
    [InlineData("/to-metadata", "which is blocked: 169.254.169.254 is a link-local (cloud metadata) address")]
    [InlineData("/loop", "redirects more than 5 times")]
    [InlineData("/missing.wav", "answered 404 Not Found")]
    public async Task Download_PermanentProblem_JobFailsInTheInputStageWithReason(string path, string reason)
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync();
        var id = await app.SubmitAsync(audioUrl: server.Url(path));
        await app.DrainAsync();
        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Equal(0, job.Attempt); // no worker time
        Assert.Contains(reason, job.LastError);
    }

    [Theory]
    [InlineData("/song.wav")]
    [InlineData("/chunked.wav")]
    public async Task Download_OverSizeLimit_FailsWithLimit(string path)
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(extra: new() { ["Foreman:Inputs:MaxDownloadBytes"] = "10000" });
        var e = await Assert.ThrowsAsync<UnusableAudioException>(() => LoadAsync(app, server.Url(path)));
        Assert.Contains("is larger than the limit of 10,000 bytes", e.Message);
    }

    [Fact]
    public async Task Download_OverDurationLimit_FailsWithLimit()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(extra: new() { ["Foreman:Inputs:MaxDuration"] = "00:00:02" });
        var e = await Assert.ThrowsAsync<UnusableAudioException>(() => LoadAsync(app, server.Url("/long.wav")));
        Assert.Contains("the audio is 3 s long; the limit is 2 s", e.Message);
    }

    [Fact]
    public async Task Download_503ThenOk_RetriedWithinTheStage()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync();
        Assert.Equal(16000, (await LoadAsync(app, server.Url("/flaky.wav"))).Length);
        Assert.Equal(2, server.Requests("/flaky.wav"));
    }

    [Fact]
    public async Task Download_ServerNeverAnswers_TimesOutAndJobFailsWithReason()
    {
        await using var server = await ServeAsync();
        await using var app = await StartAsync(runWorker: true, extra: new()
        {
            ["Foreman:Inputs:FetchTimeout"] = "00:00:00.300",
            ["Foreman:Queue:MaxAttempts"] = "1",
        });
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(null, "la", audioUrl: server.Url("/hang.wav")), Ct);
        await JobsApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, $"{server.Url("/hang.wav")} timed out after 0.3 s (tried 2 times)");
        Assert.Equal(2, server.Requests("/hang.wav"));
    }
}
