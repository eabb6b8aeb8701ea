using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary>The sync call names its job in every answer, and waits no longer than the client prefers.</summary>
public class AlignEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The real clock, but no worker: every job stays queued, as on a busy server.</summary>
    private static Task<ProbeApplication> StartBusyAsync(string syncTimeout = "00:05:00") =>
        ProbeApplication.StartAsync(runWorker: true, settings: new Dictionary<string, string?>
        {
            ["Foreman:Worker:Enabled"] = "false",
            ["Foreman:Api:SyncTimeout"] = syncTimeout,
        });

    private static HttpRequestMessage Align(string? prefer, string format = "json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/align") { Content = Submit.Form(TestAudio.ToneWav(), "la la\nlo lo", format: format) };
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        return request;
    }

    [Fact]
    public async Task Align_QueueBusierThanPreferWait_Answers202WithLocationAndPreferenceApplied()
    {
        await using var app = await StartBusyAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await app.Client.SendAsync(Align("wait=1"), Ct);
        var waited = clock.Elapsed;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("wait=1", Assert.Single(response.Headers.GetValues("Preference-Applied")));
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = job.GetProperty("id").GetString();
        Assert.Equal($"/api/v1/jobs/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal($"/api/v1/jobs/{id}", job.GetProperty("url").GetString());
        Assert.Equal("queued", job.GetProperty("state").GetString());
        Assert.InRange(waited, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(60)); // waited the second, not the 5 minutes
    }

    [Theory]
    [InlineData("wait=30", "wait=1")]                   // capped at the sync timeout
    [InlineData("respond-async, wait=30;x=y", "wait=1")] // among other preferences, with parameters
    [InlineData("wait=0", "wait=0")]
    public async Task Align_PreferWait_IsCappedAtTheSyncTimeout(string prefer, string applied)
    {
        await using var app = await StartBusyAsync(syncTimeout: "00:00:01");
        using var response = await app.Client.SendAsync(Align(prefer), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(applied, Assert.Single(response.Headers.GetValues("Preference-Applied")));
    }

    [Fact]
    public async Task Align_NoOrUnreadablePreference_NoPreferenceApplied()
    {
        await using var app = await StartBusyAsync(syncTimeout: "00:00:00.200");
        foreach (var prefer in new[] { null, "wait=soon", "respond-async" })
        {
            using var response = await app.Client.SendAsync(Align(prefer), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.False(response.Headers.Contains("Preference-Applied"), prefer);
        }
    }

    [Fact]
    public async Task Align_Done_ContentLocationAndJsonBodyNameTheJob()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: true);
        using var response = await app.Client.SendAsync(Align("wait=60"), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("wait=60", Assert.Single(response.Headers.GetValues("Preference-Applied")));
        var location = response.Content.Headers.ContentLocation!.OriginalString;
        Assert.Matches("^/api/v1/jobs/[0-9A-Z]{26}$", location);

        var document = JsonDocument.Parse(body).RootElement;
        Assert.Equal(location, "/api/v1/jobs/" + document.GetProperty("job_id").GetString());
        Assert.Equal(location, document.GetProperty("job_url").GetString());
        Assert.Equal(2, document.GetProperty("lines").GetArrayLength());
        var job = await app.Client.GetFromJsonAsync<JsonElement>(location, Ct);
        Assert.Equal("done", job.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Align_DoneAsText_ContentLocationNamesTheJob()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: true);
        using var response = await app.Client.SendAsync(Align(prefer: null, format: "lrc"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("[00:00.00]la la", await response.Content.ReadAsStringAsync(Ct));
        Assert.Matches("^/api/v1/jobs/[0-9A-Z]{26}$", response.Content.Headers.ContentLocation!.OriginalString);
    }

    [Fact]
    public async Task Align_JobFails_ProblemNamesTheJobAndItsUrl()
    {
        var loader = new ProbeModelLoader { FailOn = _ => new Foreman.Alignment.AlignmentInputException("audio too short") };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, loader: loader);
        using var response = await app.Client.SendAsync(Align(prefer: null), Ct);
        var problem = await JobsApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "audio too short");
        var id = problem.GetProperty("job_id").GetString();
        Assert.Equal($"/api/v1/jobs/{id}", problem.GetProperty("job_url").GetString());
    }
}
