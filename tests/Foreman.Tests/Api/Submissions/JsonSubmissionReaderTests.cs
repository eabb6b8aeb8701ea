using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Tests.Api;

/// <summary>application/json submits through the real host: same validation and limits as multipart, strict about fields.</summary>
public class JsonSubmissionReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> TrustLoopback = new()
    {
        ["Foreman:Http:AllowHttp"] = "true",
        ["Foreman:Http:AllowedHosts:0"] = "127.0.0.1",
    };

    private static Task<LocalHttpServer> ServeSongAsync() =>
        LocalHttpServer.StartAsync(app => app.MapGet("/song.wav", () => LocalHttpServer.File(TestAudio.ToneWav(seconds: 2))));

    private static string Body(object fields) => JsonSerializer.Serialize(fields);

    [Fact]
    public async Task Align_JsonWithAudioUrlOnAllowedHost_ReturnsTheAlignment()
    {
        // The bundled model and the real engine, the audio fetched over HTTP by the input stage.
        await using var server = await ServeSongAsync();
        await using var app = await ForemanApplication.StartAsync(TrustLoopback);
        using var response = await app.Client.PostAsync("/api/v1/align",
            Submit.Json(Body(new { audio_url = server.Url("/song.wav"), lyrics = "la la\nlo lo", format = "lrc" })), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Matches(@"\[\d\d:\d\d\.\d\d\]la la", body);
        Assert.Matches(@"\[\d\d:\d\d\.\d\d\]lo lo", body);
        Assert.Equal(1, server.Requests("/song.wav"));
        var job = app.Get<IJobStore>().Get(response.Content.Headers.ContentLocation!.OriginalString.Split('/')[^1])!;
        Assert.Equal(JobState.Done, job.JobState);
        Assert.Equal("lrc", job.Format);
    }

    [Fact]
    public async Task Jobs_JsonWithAudioUrlOnAllowedHost_IsQueuedAndAligned()
    {
        await using var server = await ServeSongAsync();
        await using var app = await ForemanApplication.StartAsync(TrustLoopback);
        using var response = await app.Client.PostAsync("/api/v1/jobs",
            Submit.Json(Body(new { audio_url = server.Url("/song.wav"), lyrics = "la la\nlo lo", keep_alive = 0, deadline = "10m" })), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var url = submitted.GetProperty("url").GetString()!;
        Assert.Equal(response.Headers.Location!.OriginalString, url);

        var job = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            job = await app.Client.GetFromJsonAsync<JsonElement>(url, Ct);
            return job.GetProperty("state").GetString() is "done" or "failed";
        }, "the job to finish", Ct, TimeSpan.FromSeconds(60));
        Assert.Equal("done", job.GetProperty("state").GetString());
        var result = await app.Client.GetFromJsonAsync<JsonElement>(job.GetProperty("result_url").GetString(), Ct);
        Assert.Equal(["la la", "lo lo"], result.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        var stored = app.Get<IJobStore>().Get(submitted.GetProperty("id").GetString()!)!;
        Assert.Equal(0, stored.KeepAliveMs);
        Assert.NotNull(stored.DeadlineAt);
    }

    public static TheoryData<string, string, HttpStatusCode, string, string?> BadBodies => new()
    {
        { "not JSON", "{\"lyrics\": \"la\",", HttpStatusCode.BadRequest, "malformed-json", null },
        { "not an object", "[\"la\"]", HttpStatusCode.BadRequest, "invalid-request", null },
        { "unknown field", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\",\"lyric\":\"la\"}", HttpStatusCode.BadRequest, "unknown-field", "lyric" },
        { "audio file in JSON", "{\"audio\":\"UklGRg==\",\"lyrics\":\"la\"}", HttpStatusCode.BadRequest, "unknown-field", "audio" },
        { "lyrics a number", "{\"audio_url\":\"s3://b/k\",\"lyrics\":5}", HttpStatusCode.BadRequest, "invalid-field-type", "lyrics" },
        { "lyrics an array", "{\"audio_url\":\"s3://b/k\",\"lyrics\":[\"la\",\"lo\"]}", HttpStatusCode.BadRequest, "invalid-field-type", "lyrics" },
        { "keep_alive a boolean", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\",\"keep_alive\":true}", HttpStatusCode.BadRequest, "invalid-field-type", "keep_alive" },
        { "field twice", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\",\"lyrics\":\"lo\"}", HttpStatusCode.BadRequest, "invalid-request", "lyrics" },
        { "no audio_url", "{\"lyrics\":\"la\"}", HttpStatusCode.BadRequest, "missing-audio", null },
        { "no lyrics", "{\"audio_url\":\"s3://b/k\"}", HttpStatusCode.BadRequest, "missing-lyrics", null },
        { "loopback audio_url", "{\"audio_url\":\"http://127.0.0.1/a.wav\",\"lyrics\":\"la\"}", HttpStatusCode.BadRequest, "invalid-audio-url", null },
        { "unknown format", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\",\"format\":\"docx\"}", HttpStatusCode.BadRequest, "unknown-format", null },
        { "unknown model", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\",\"model\":\"nope\"}", HttpStatusCode.UnprocessableEntity, "unknown-model", null },
        { "2 MB lyrics", $"{{\"audio_url\":\"s3://b/k\",\"lyrics\":\"{new string('a', 2 * 1024 * 1024)}\"}}", HttpStatusCode.RequestEntityTooLarge, "too-large", null },
        { "lyrics over their limit", $"{{\"audio_url\":\"s3://b/k\",\"lyrics\":\"{new string('a', 1024 * 1024 + 1)}\"}}", HttpStatusCode.UnprocessableEntity, "lyrics-too-long", null },
        { "NUL in lyrics", "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"la\\u0000la\"}", HttpStatusCode.BadRequest, "invalid-lyrics", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Submit_BadJson_IsProblemNamingTheField(string why, string json, HttpStatusCode status, string type, string? field)
    {
        await using var app = await ProbeApplication.StartAsync();
        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/align" })
        {
            using var response = await app.Client.PostAsync(path, Submit.Json(json), Ct);
            var problem = await JobsApiTests.AssertProblem(response, status, "");
            Assert.Equal("https://foreman.dev/problems/" + type, problem.GetProperty("type").GetString());
            if (field is not null)
            {
                Assert.Equal(field, problem.GetProperty("field").GetString());
                Assert.Contains(field, problem.GetProperty("detail").GetString());
            }
        }
        Assert.Empty(app.Store.List(null, null, null, 10));
        Assert.NotNull(why);
    }

    [Fact]
    public async Task Submit_InvalidUtf8InJson_Is400()
    {
        await using var app = await ProbeApplication.StartAsync();
        var content = new ByteArrayContent([.. "{\"audio_url\":\"s3://b/k\",\"lyrics\":\"l"u8, 0xff, 0xfe, .. "\"}"u8]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await app.Client.PostAsync("/api/v1/jobs", content, Ct);
        await JobsApiTests.AssertProblem(response, HttpStatusCode.BadRequest, "");
        Assert.Empty(app.Store.List(null, null, null, 10));
    }

    [Fact]
    public async Task Submit_OtherMediaType_Is415WithTheDocumentedType()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", new StringContent("<lyrics/>", System.Text.Encoding.UTF8, "application/xml"), Ct);
        var problem = await JobsApiTests.AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Equal("https://foreman.dev/problems/unsupported-media-type", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Submit_JsonWithIdempotencyKey_ReturnsTheFirstJob()
    {
        await using var app = await ProbeApplication.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Json(Body(new { audio_url = "s3://b/k.wav", lyrics = "la" })) };
            request.Headers.Add("Idempotency-Key", "json-1");
            using var response = await app.Client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        }
        Assert.Single(ids.Distinct());
        Assert.Equal("s3://b/k.wav", app.Store.Get(ids[0])!.AudioUrl);
    }
}
