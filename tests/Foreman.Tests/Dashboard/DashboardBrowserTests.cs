using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Alignment;
using Foreman.Tests.Support;
using Foreman.Tests.Support.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.Dashboard;

/// <summary>The dashboard in a real headless Chromium against a real Kestrel server, with jobs made through the API.</summary>
public class DashboardBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueuePage_JobsFromTheApi_RendersEachInItsSection()
    {
        await using var app = await StartAsync();
        var (done, failed, queued) = await MakeJobsAsync(app);

        var dom = await Chromium.DumpDomAsync(app.BaseAddress!, Ct);

        Assert.Contains($"<tr data-id=\"{queued}\" data-state=\"queued\">", Section(dom, "queued"));
        Assert.Contains($"<tr data-id=\"{done}\" data-state=\"done\">", Section(dom, "finished"));
        Assert.Contains($"<tr data-id=\"{failed}\" data-state=\"failed\">", Section(dom, "finished"));
        Assert.Contains("the audio is silence", dom);
        Assert.Contains("<tr data-id=\"a\" data-state=\"ready\">", Section(dom, "models"));
        Assert.Contains("Nothing is running.", Section(dom, "running"));
        Assert.Contains($"<button type=\"button\" class=\"action action-cancel\" data-job=\"{queued}\">Cancel</button>", dom);
        Assert.Contains($"<button type=\"button\" class=\"action action-retry\" data-job=\"{failed}\">Retry</button>", dom);
        Assert.Matches("data-state=\"done\"><span class=\"number\">1</span>", dom);
    }

    [Fact]
    public async Task JobPage_DoneJob_ShowsEventsAndLyricsOnTheTimeAxis()
    {
        await using var app = await StartAsync();
        var (done, _, _) = await MakeJobsAsync(app);

        var dom = await Chromium.DumpDomAsync(new Uri(app.BaseAddress!, $"/jobs/{done}"), Ct);

        Assert.Contains($"<span id=\"job-id\">{done}</span>", dom);
        var history = Section(dom, "events");
        Assert.Contains("<tr data-state=\"queued\">", history);
        Assert.Contains("<tr data-state=\"working\">", history);
        Assert.Contains("<tr data-state=\"done\">", history);
        // The probe aligns line i from i s to i + 0.5 s.
        Assert.Contains("<span class=\"times\">0:01.00 – 0:01.50</span><span class=\"text\"><span class=\"word\" title=\"0:01.00–0:01.50\" data-start=\"1\" data-end=\"1.5\">another line</span>", dom);
        Assert.Contains("class=\"block lane-1\" title=\"0:01.00–0:01.50 another line\" data-index=\"1\"", dom);
        Assert.DoesNotContain("<section id=\"preview\" hidden", dom);
    }

    [Fact]
    public async Task JobPage_FailedJob_ShowsTheErrorInItsHistory()
    {
        await using var app = await StartAsync();
        var (_, failed, _) = await MakeJobsAsync(app);

        var dom = await Chromium.DumpDomAsync(new Uri(app.BaseAddress!, $"/jobs/{failed}"), Ct);

        Assert.Contains("<tr data-state=\"failed\">", Section(dom, "events"));
        Assert.Contains("the audio is silence", Section(dom, "events"));
        Assert.Contains("<section id=\"preview\" hidden", dom);
    }

    [Fact]
    public async Task Actions_CancelAndRetryClicked_ChangeTheJobs()
    {
        await using var app = await StartAsync();
        var (_, failed, queued) = await MakeJobsAsync(app);
        await using var browser = await WebDriver.OpenAsync(app.BaseAddress!, Ct);

        await browser.ClickAsync($"button.action-cancel[data-job='{queued}']", Ct);
        await Eventually.TrueAsync(async () => await StateOf(app, queued) == "cancelled", "the job to be cancelled", Ct);
        await browser.ClickAsync($"button.action-retry[data-job='{failed}']", Ct);
        await Eventually.TrueAsync(async () => await StateOf(app, failed) == "queued", "the job to be queued again", Ct);

        // The page follows: the retried job is back in the queue, the cancelled one offers a retry.
        await browser.WaitForAsync($"#queued tr[data-id='{failed}']", Ct);
        await browser.WaitForAsync($"#finished button.action-retry[data-job='{queued}']", Ct);
    }

    [Fact]
    public async Task KeyForm_KeySaved_SentWithEveryApiCall()
    {
        var authorizations = new ConcurrentQueue<string>();
        await using var app = await StartAsync(services => services.AddSingleton<IStartupFilter>(new RecordAuthorization(authorizations)));
        await using var browser = await WebDriver.OpenAsync(app.BaseAddress!, Ct);

        await browser.TypeAsync("#api-key", "operator-key-1", Ct);
        await browser.ClickAsync("#key-form button", Ct);

        await Eventually.TrueAsync(() => Task.FromResult(authorizations.Contains("Bearer operator-key-1")), "a call with the key", Ct);
        var stored = await browser.ExecuteAsync("return localStorage.getItem('foreman.apiKey');", Ct);
        Assert.Equal("operator-key-1", stored.GetString());
    }

    [Fact]
    public async Task JobPage_AudioKept_PlaysItAndHighlightsTheLineAtCurrentTime()
    {
        await using var app = await StartAsync();
        app.Loader.LineConfidence = i => i == 1 ? 0.3 : 0.9;
        var id = await DoneJobWithAudioAsync(app);
        await using var browser = await WebDriver.OpenAsync(new Uri(app.BaseAddress!, $"/jobs/{id}"), Ct);

        await browser.WaitForAsync("#lines li[data-index='2']", Ct);
        await WaitForMetadataAsync(browser);
        var source = await browser.ExecuteAsync("return document.getElementById('player').currentSrc;", Ct);
        await browser.ExecuteAsync("document.getElementById('player').currentTime = 1.2;", Ct);
        await browser.WaitForAsync("#lines li.current[data-index='1'] .word.current", Ct);
        await browser.WaitForAsync(".block.current[data-index='1']", Ct);
        await browser.ExecuteAsync("document.getElementById('player').currentTime = 2.25;", Ct);
        await browser.WaitForAsync("#lines li.current[data-index='2']", Ct);

        Assert.Equal(new Uri(app.BaseAddress!, $"/api/v1/jobs/{id}/audio").ToString(), source.GetString());
        Assert.Null(await browser.FindAsync("#lines li.current[data-index='1']", Ct));
        Assert.NotNull(await browser.FindAsync("#lines li.low[data-index='1'] .flag", Ct));
        Assert.Null(await browser.FindAsync("#lines li.low[data-index='0']", Ct));
        Assert.Null(await browser.FindAsync("#lines li[data-index='2'] .flag", Ct));
        var flag = await browser.ExecuteAsync("return document.querySelector('#lines li.low .flag').title;", Ct);
        Assert.Equal("confidence 0.30, below 0.5: check this line", flag.GetString());
    }

    [Fact]
    public async Task JobPage_LineClicked_MovesTheAudio()
    {
        await using var app = await StartAsync();
        var id = await DoneJobWithAudioAsync(app);
        await using var browser = await WebDriver.OpenAsync(new Uri(app.BaseAddress!, $"/jobs/{id}"), Ct);
        await WaitForMetadataAsync(browser);

        await browser.ClickAsync("#lines li[data-index='2']", Ct);

        await Eventually.TrueAsync(async () => (await browser.ExecuteAsync("return document.getElementById('player').currentTime;", Ct)).GetDouble() == 2,
            "the audio at the line's start", Ct);
        await browser.WaitForAsync("#lines li.current[data-index='2']", Ct);
    }

    [Fact]
    public async Task JobPage_WithApiKey_PlaysTheAudioFetchedWithTheKey()
    {
        await using var app = await StartAsync(settings: new Dictionary<string, string?> { ["Foreman:ApiKeys:0"] = "operator-key-1" });
        app.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "operator-key-1");
        var id = await DoneJobWithAudioAsync(app);
        await using var browser = await WebDriver.OpenAsync(new Uri(app.BaseAddress!, $"/jobs/{id}"), Ct);
        await browser.ExecuteAsync("localStorage.setItem('foreman.apiKey', 'operator-key-1');", Ct);
        await browser.NavigateAsync(new Uri(app.BaseAddress!, $"/jobs/{id}"), Ct);

        await WaitForMetadataAsync(browser);

        var source = await browser.ExecuteAsync("return document.getElementById('player').currentSrc;", Ct);
        Assert.StartsWith("blob:", source.GetString());
    }

    [Fact]
    public async Task JobPage_AudioNotKept_SaysSoInsteadOfAPlayer()
    {
        await using var app = await StartAsync();
        var (done, _, _) = await MakeJobsAsync(app);
        await using var browser = await WebDriver.OpenAsync(new Uri(app.BaseAddress!, $"/jobs/{done}"), Ct);

        await browser.WaitForAsync("#audio-note:not([hidden])", Ct);

        Assert.NotNull(await browser.FindAsync("#player[hidden]", Ct));
        var note = await browser.ExecuteAsync("return document.getElementById('audio-note').textContent;", Ct);
        Assert.StartsWith("No audio to play:", note.GetString());
    }

    private static Task<ProbeApplication> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null) =>
        ProbeApplication.StartAsync(kestrel: true, services: services, settings: settings);

    /// <summary>
    /// A done job (three lines: the probe aligns line i from i s to i + 0.5 s) over 3 s of audio, with its upload kept.
    /// The worker deletes a done job's upload; how long it is kept instead is the retention policy's business, so the
    /// test puts the submitted bytes back where the submit stored them.
    /// </summary>
    private static async Task<string> DoneJobWithAudioAsync(ProbeApplication app)
    {
        var wav = TestAudio.ToneWav(3.0);
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(wav, "one line\nanother line\nthird line", "a"), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await app.DrainAsync();
        Assert.Equal("done", await StateOf(app, id));
        await File.WriteAllBytesAsync(Path.Combine(app.UploadsDir, id + ".audio"), wav, Ct);
        return id;
    }

    private static Task WaitForMetadataAsync(WebDriver browser) =>
        Eventually.TrueAsync(async () => (await browser.ExecuteAsync("return document.getElementById('player').readyState;", Ct)).GetInt32() >= 1,
            "the player to load the audio's metadata", Ct);

    /// <summary>One done job, one failed job (the model rejects its input), and one still queued.</summary>
    private static async Task<(string Done, string Failed, string Queued)> MakeJobsAsync(ProbeApplication app)
    {
        app.Loader.FailOn = n => n == 2 ? new AlignmentInputException("the audio is silence") : null;
        var done = await app.SubmitAsync(lyrics: "one line\nanother line");
        await app.DrainAsync();
        var failed = await app.SubmitAsync();
        await app.DrainAsync();
        var queued = await app.SubmitAsync();
        return (done, failed, queued);
    }

    private static async Task<string> StateOf(ProbeApplication app, string id) =>
        (await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}", Ct)).GetProperty("state").GetString()!;

    /// <summary>The markup of the element with this id, up to its closing tag (tables and sections do not nest here).</summary>
    private static string Section(string dom, string id)
    {
        var start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element #{id} in the page");
        var tag = dom[..start].LastIndexOf('<');
        var name = dom[(tag + 1)..].Split(' ', 2)[0];
        var end = dom.IndexOf($"</{name}>", start, StringComparison.Ordinal);
        return dom[tag..end];
    }

    /// <summary>Records the Authorization header of every /api call the browser makes.</summary>
    private sealed class RecordAuthorization(ConcurrentQueue<string> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                if (context.Request.Path.StartsWithSegments("/api")) seen.Enqueue(context.Request.Headers.Authorization.ToString());
                await call(context);
            });
            next(app);
        };
    }
}
