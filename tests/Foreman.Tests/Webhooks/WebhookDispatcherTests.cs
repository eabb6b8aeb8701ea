using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Foreman.Queue;
using Foreman.Tests.Api;
using Foreman.Tests.Support;

namespace Foreman.Tests.Webhooks;

/// <summary>Jobs submitted with a callback_url are POSTed, signed, to a real receiver when they end, once per ending.</summary>
public class WebhookDispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(string? secret = WebhookReceiver.Secret) => new()
    {
        ["Foreman:Webhooks:Secret"] = secret,
        ["Foreman:Webhooks:PollInterval"] = "00:00:00.050",
        ["Foreman:Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Foreman:Webhooks:Timeout"] = "00:00:05",
        ["Foreman:Http:AllowHttp"] = "true",
        ["Foreman:Http:AllowedHosts:0"] = "127.0.0.1",
    };

    private static async Task<string> SubmitAsync(ProbeApplication app, string callbackUrl)
    {
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la la", callbackUrl: callbackUrl), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(() => Task.FromResult(condition()), what, Ct, TimeSpan.FromSeconds(30));

    private static async Task<string> DeliveryStateAsync(ProbeApplication app, string jobId)
    {
        using var connection = app.Get<IQueueDatabase>().Open();
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM webhook_deliveries WHERE job_id = @jobId", new { jobId }) ?? "none";
    }

    [Fact]
    public async Task JobDone_ReceiverGetsExactlyOneSignedDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await ProbeApplication.StartAsync(runWorker: true, settings: Settings());
        var id = await SubmitAsync(app, receiver.Url);

        await UntilAsync(() => receiver.Received.Count == 1, "the delivery");
        await Eventually.TrueAsync(async () => await DeliveryStateAsync(app, id) == "delivered", "the delivery to be recorded", Ct);
        var delivery = Assert.Single(receiver.Received);
        Assert.True(WebhookReceiver.Verifies(delivery), $"signature {delivery.Signature} does not verify");
        Assert.False(WebhookReceiver.Verifies(delivery, "whsec_" + Convert.ToBase64String(new byte[24])), "a wrong secret verifies");
        Assert.InRange(long.Parse(delivery.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var job = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(id, job.GetProperty("id").GetString());
        Assert.Equal("done", job.GetProperty("state").GetString());
        Assert.Equal("a", job.GetProperty("model").GetString());
        Assert.Equal(1, job.GetProperty("attempt").GetInt64());
        Assert.Equal($"/api/v1/jobs/{id}", job.GetProperty("url").GetString());
        Assert.Equal($"/api/v1/jobs/{id}/result", job.GetProperty("result_url").GetString());
        Assert.StartsWith(id + "_", delivery.Id);

        // Delivered is final: later polls send nothing more.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        Assert.Single(receiver.Received);
        var history = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}", Ct);
        Assert.Equal(["queued", "loading", "working", "done", "webhook_delivered"],
            history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("state").GetString()));
        var metrics = await app.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains("foreman_webhook_deliveries_total{result=\"delivered\"} 1", metrics);
        Assert.Contains("foreman_webhook_attempts_total{outcome=\"delivered\"} 1", metrics);
    }

    [Fact]
    public async Task Receiver500AtFirst_GetsTheSameDeliveryAgainLater()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 500 : 204);
        await using var app = await ProbeApplication.StartAsync(runWorker: true, settings: Settings());
        var id = await SubmitAsync(app, receiver.Url);

        await Eventually.TrueAsync(async () => await DeliveryStateAsync(app, id) == "delivered", "the delivery to succeed", Ct);
        Assert.Equal([500, 500, 204], receiver.Received.Select(d => d.AnsweredWith));
        Assert.Single(receiver.Received.Select(d => d.Id).Distinct()); // one delivery, tried three times
        Assert.Single(receiver.Received.Select(d => d.Body).Distinct());
        Assert.All(receiver.Received, d => Assert.True(WebhookReceiver.Verifies(d)));
        var metrics = await app.Client.GetStringAsync("/metrics", Ct);
        Assert.Contains("foreman_webhook_attempts_total{outcome=\"transient\"} 2", metrics);
    }

    [Fact]
    public async Task Receiver4xx_DeliveryAbandonedAtOnceAndRecordedInTheHistory()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 410);
        await using var app = await ProbeApplication.StartAsync(runWorker: true, settings: Settings());
        var id = await SubmitAsync(app, receiver.Url);

        await Eventually.TrueAsync(async () => await DeliveryStateAsync(app, id) == "failed", "the delivery to be abandoned", Ct);
        Assert.Single(receiver.Received);
        var events = app.Store.Events(id);
        Assert.Equal("webhook_failed", events[^1].State);
        Assert.Contains("answered 410", events[^1].Error);
    }

    [Fact]
    public async Task RetriesRunOut_DeliveryAbandoned()
    {
        var settings = Settings();
        settings["Foreman:Webhooks:RetryFor"] = "00:00:00.500";
        settings["Foreman:Webhooks:FirstRetryDelay"] = "00:00:00.100";
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        await using var app = await ProbeApplication.StartAsync(runWorker: true, settings: settings);
        var id = await SubmitAsync(app, receiver.Url);

        await Eventually.TrueAsync(async () => await DeliveryStateAsync(app, id) == "failed", "the retries to run out", Ct);
        Assert.InRange(receiver.Received.Count, 2, 20);
        Assert.Contains("no retry left within", app.Store.Events(id)[^1].Error);
    }

    [Fact]
    public async Task FailedAndCancelledJobs_AreDeliveredWithTheirState()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var loader = new ProbeModelLoader { FailOn = _ => new Foreman.Alignment.AlignmentInputException("no voice in this audio") };
        await using (var app = await ProbeApplication.StartAsync(runWorker: true, settings: Settings(), loader: loader))
        {
            var failed = await SubmitAsync(app, receiver.Url);
            await UntilAsync(() => receiver.Received.Count == 1, "the failed job's delivery");
            var job = JsonDocument.Parse(receiver.Received[0].Body).RootElement;
            Assert.Equal(failed, job.GetProperty("id").GetString());
            Assert.Equal("failed", job.GetProperty("state").GetString());
            Assert.Contains("no voice in this audio", job.GetProperty("last_error").GetString());
            Assert.False(job.TryGetProperty("result_url", out _));
        }

        var off = Settings();
        off["Foreman:Worker:Enabled"] = "false";
        await using (var app = await ProbeApplication.StartAsync(runWorker: true, settings: off))
        {
            var cancelled = await SubmitAsync(app, receiver.Url);
            await Task.Delay(200, Ct);
            Assert.Single(receiver.Received); // a queued job sends nothing
            using (var response = await app.Client.DeleteAsync($"/api/v1/jobs/{cancelled}", Ct))
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await UntilAsync(() => receiver.Received.Count == 2, "the cancelled job's delivery");
            var job = JsonDocument.Parse(receiver.Received[1].Body).RootElement;
            Assert.Equal(cancelled, job.GetProperty("id").GetString());
            Assert.Equal("cancelled", job.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task JobWithoutCallback_WritesNoDelivery()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Settings());
        var id = await app.SubmitAsync();
        await app.DrainAsync();
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
        Assert.Equal("none", await DeliveryStateAsync(app, id));
    }

    public static TheoryData<string, HttpStatusCode, string> BadCallbacks => new()
    {
        { "ftp://example.com/hook", HttpStatusCode.BadRequest, "not an absolute https:// URL" },
        { "hooks/done", HttpStatusCode.BadRequest, "not an absolute https:// URL" },
        { "https://10.0.0.5/hook", HttpStatusCode.BadRequest, "10.0.0.5 is a private address" },
        { "https://169.254.169.254/latest", HttpStatusCode.BadRequest, "link-local (cloud metadata)" },
        { "https://localhost/hook", HttpStatusCode.BadRequest, "localhost is a loopback address" },
        { "http://example.com/hook", HttpStatusCode.BadRequest, "plain http:// is not allowed" },
    };

    [Theory]
    [MemberData(nameof(BadCallbacks))]
    public async Task Submit_CallbackUrlAgainstTheSsrfRules_Is400(string url, HttpStatusCode status, string detail)
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:Webhooks:Secret"] = WebhookReceiver.Secret });
        using var multipart = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la", callbackUrl: url), Ct);
        var problem = await JobsApiTests.AssertProblem(multipart, status, detail);
        Assert.Equal("https://foreman.dev/problems/invalid-callback-url", problem.GetProperty("type").GetString());
        using var json = await app.Client.PostAsync("/api/v1/jobs",
            Submit.Json(JsonSerializer.Serialize(new { audio_url = "s3://b/k", lyrics = "la", callback_url = url })), Ct);
        await JobsApiTests.AssertProblem(json, status, detail);
        Assert.Empty(app.Store.List(null, null, null, 10));
    }

    [Fact]
    public async Task Submit_CallbackWithoutASecret_Is422()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la", callbackUrl: "https://hooks.example.com/x"), Ct);
        var problem = await JobsApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "Foreman:Webhooks:Secret");
        Assert.Equal("https://foreman.dev/problems/webhooks-disabled", problem.GetProperty("type").GetString());
    }
}
