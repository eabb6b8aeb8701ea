using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Foreman.Emissions;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

public class JobsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_Valid_Returns202WithLocationAndJob()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "hello there"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/jobs/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("queued", job.GetProperty("state").GetString());
        Assert.Equal("a", job.GetProperty("model").GetString());
        Assert.Equal(1, job.GetProperty("position").GetInt64());
        Assert.Equal(5, job.GetProperty("max_attempts").GetInt64());
        Assert.True(job.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task Get_QueuedJob_ShowsPositionAndHistory()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync();
        var second = await app.SubmitAsync();
        var job = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{second}", Ct);
        Assert.Equal(2, job.GetProperty("position").GetInt64());
        Assert.Equal("queued", job.GetProperty("events")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Result_AfterDone_RendersEveryFormat()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await app.SubmitAsync(lyrics: "one line\nanother line");
        await app.DrainAsync();

        var json = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}/result", Ct);
        Assert.Equal(2, json.GetProperty("lines").GetArrayLength());
        using var lrc = await app.Client.GetAsync($"/api/v1/jobs/{id}/result?format=lrc", Ct);
        Assert.Contains("[00:01.00]another line", await lrc.Content.ReadAsStringAsync(Ct));
        foreach (var format in new[] { "elrc", "srt", "vtt", "textgrid" })
        {
            using var response = await app.Client.GetAsync($"/api/v1/jobs/{id}/result?format={format}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Result_NotDone_Is409Problem()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await app.SubmitAsync();
        using var response = await app.Client.GetAsync($"/api/v1/jobs/{id}/result", Ct);
        await AssertProblem(response, HttpStatusCode.Conflict, "queued");
    }

    [Theory]
    [InlineData("/api/v1/jobs/01JDZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("/api/v1/jobs/not-a-ulid")]
    [InlineData("/api/v1/jobs/01JDZZZZZZZZZZZZZZZZZZZZZZ/result")]
    public async Task Get_UnknownJob_Is404Problem(string path)
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.GetAsync(path, Ct);
        await AssertProblem(response, HttpStatusCode.NotFound, "no job");
    }

    [Fact]
    public async Task Cancel_QueuedJob_CancelsOnce()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await app.SubmitAsync();
        using (var response = await app.Client.DeleteAsync($"/api/v1/jobs/{id}", Ct))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JobState.Cancelled, app.Store.Get(id)!.JobState);
        using (var again = await app.Client.DeleteAsync($"/api/v1/jobs/{id}", Ct))
            await AssertProblem(again, HttpStatusCode.Conflict, "only a queued job");
        Assert.Equal(0, await app.DrainAsync());
    }

    [Fact]
    public async Task Retry_FailedJob_RequeuesSameId()
    {
        var loader = new ProbeModelLoader { FailOn = n => n == 1 ? new Foreman.Alignment.AlignmentInputException("nope") : null };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        var id = await app.SubmitAsync();
        await app.DrainAsync();
        Assert.Equal(JobState.Failed, app.Store.Get(id)!.JobState);
        using var response = await app.Client.PostAsync($"/api/v1/jobs/{id}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.DrainAsync();
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReturnsSameJob()
    {
        await using var app = await ProbeApplication.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(TestAudio.ToneWav(), "la la") };
            request.Headers.Add("Idempotency-Key", "order-42");
            using var response = await app.Client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
        }
        Assert.Equal(ids[0], ids[1]);
        Assert.Single(app.Store.List(null, null, null, 10));
        Assert.Single(Directory.GetFiles(app.UploadsDir));
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        await using var app = await ProbeApplication.StartAsync();
        for (var i = 0; i < 3; i++) await app.SubmitAsync("a");
        await app.SubmitAsync("b");
        var page = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs?model=a&limit=2", Ct);
        Assert.Equal(2, page.GetProperty("jobs").GetArrayLength());
        var next = page.GetProperty("next_after").GetString();
        var rest = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs?model=a&limit=2&after={next}", Ct);
        Assert.Equal(1, rest.GetProperty("jobs").GetArrayLength());
        var queued = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs?state=queued", Ct);
        Assert.Equal(4, queued.GetProperty("jobs").GetArrayLength());
        using var bad = await app.Client.GetAsync("/api/v1/jobs?state=sleeping", Ct);
        await AssertProblem(bad, HttpStatusCode.BadRequest, "unknown state");
    }

    [Fact]
    public async Task Align_Sync_WaitsAndReturnsDocument()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: true);
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(), "sing it\nagain", format: "lrc"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("[00:00.00]sing it", body);
        Assert.Contains("[00:01.00]again", body);
        Assert.Equal(0, app.Get<JobCompletions>().Pending); // nothing left waiting once the call has answered
    }

    [Fact]
    public async Task Align_SyncTimeout_Returns202WithJob()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: false,
            settings: new Dictionary<string, string?> { ["Foreman:Api:SyncTimeout"] = "00:00:00" });
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(), "la"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("/api/v1/jobs/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Align_JobFails_Is422ProblemWithJobId()
    {
        var loader = new ProbeModelLoader { FailOn = _ => new Foreman.Alignment.AlignmentInputException("audio too short") };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, loader: loader);
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(), "la"), Ct);
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "audio too short");
        Assert.True(problem.TryGetProperty("job_id", out _));
    }

    public static TheoryData<string, Func<HttpContent>, HttpStatusCode, string> BadSubmits => new()
    {
        { "missing lyrics", () => Submit.Form(TestAudio.ToneWav(), null), HttpStatusCode.BadRequest, "lyrics field is required" },
        { "missing audio", () => Submit.Form(null, "la"), HttpStatusCode.BadRequest, "audio" },
        { "both audio and url", () => Submit.Form(TestAudio.ToneWav(), "la", audioUrl: "https://example.com/a.mp3"), HttpStatusCode.BadRequest, "not both" },
        { "unknown model", () => Submit.Form(TestAudio.ToneWav(), "la", model: "nope"), HttpStatusCode.UnprocessableEntity, "unknown model 'nope'" },
        { "traversal model", () => Submit.Form(TestAudio.ToneWav(), "la", model: "../../x"), HttpStatusCode.BadRequest, "not a valid model name" },
        { "unknown format", () => Submit.Form(TestAudio.ToneWav(), "la", format: "docx"), HttpStatusCode.BadRequest, "unknown format 'docx'" },
        { "empty lyrics", () => Submit.Form(TestAudio.ToneWav(), ""), HttpStatusCode.UnprocessableEntity, "no line to align" },
        { "whitespace lyrics", () => Submit.Form(TestAudio.ToneWav(), "  \n\t \n"), HttpStatusCode.UnprocessableEntity, "no line to align" },
        { "zero-byte audio", () => Submit.Form([], "la"), HttpStatusCode.UnprocessableEntity, "empty" },
        { "NUL in lyrics", () => Submit.Form(TestAudio.ToneWav(), "la\0la"), HttpStatusCode.BadRequest, "U+0000" },
        { "file url", () => Submit.Form(null, "la", audioUrl: "file:///etc/passwd"), HttpStatusCode.BadRequest, "scheme 'file'" },
        { "s3 without key", () => Submit.Form(null, "la", audioUrl: "s3://bucket"), HttpStatusCode.BadRequest, "object key" },
        { "not multipart or JSON", () => new StringContent("lyrics=la", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, "multipart/form-data" },
        { "bad keep_alive", () => Submit.Form(TestAudio.ToneWav(), "la", keepAlive: "forever"), HttpStatusCode.BadRequest, "keep_alive" },
        { "huge keep_alive", () => Submit.Form(TestAudio.ToneWav(), "la", keepAlive: "300000000000"), HttpStatusCode.BadRequest, "longer than 30 days" },
        { "huge deadline", () => Submit.Form(TestAudio.ToneWav(), "la", deadline: "300000000000"), HttpStatusCode.BadRequest, "more than 30 days away" },
        { "bad deadline", () => Submit.Form(TestAudio.ToneWav(), "la", deadline: "soon"), HttpStatusCode.BadRequest, "deadline 'soon'" },
        { "unknown language", () => Submit.Form(TestAudio.ToneWav(), "la", language: "klingon"), HttpStatusCode.BadRequest, "language 'klingon' is not an ISO 639-1 code" },
        { "corrupt audio", () => Submit.Form(BadAudio.CorruptWav, "la"), HttpStatusCode.UnprocessableEntity, "could not be decoded" },
        { "text named .mp3", () => Submit.Form(BadAudio.Text, "la", audioFileName: "song.mp3"), HttpStatusCode.UnprocessableEntity, "the audio could not be decoded (ffprobe says: " },
        { "image, no audio", () => Submit.Form(BadAudio.Png, "la", audioFileName: "cover.png"), HttpStatusCode.UnprocessableEntity, "no audio stream (it holds video)" },
        { "only section tags", () => Submit.Form(TestAudio.ToneWav(), "[Chorus]\n[Verse 1]\n"), HttpStatusCode.UnprocessableEntity, "no line to align" },
        { "2 MB lyrics", () => Submit.Form(TestAudio.ToneWav(), new string('a', 2 * 1024 * 1024)), HttpStatusCode.UnprocessableEntity, "longer than the limit of 1,048,576 bytes" },
        { "control character", () => Submit.Form(TestAudio.ToneWav(), "la\nla\u0007la"), HttpStatusCode.BadRequest, "U+0007 on line 2" },
        { "relative url", () => Submit.Form(null, "la", audioUrl: "songs/a.mp3"), HttpStatusCode.BadRequest, "not an absolute URL" },
        { "loopback url", () => Submit.Form(null, "la", audioUrl: "http://127.0.0.1:8080/a.mp3"), HttpStatusCode.BadRequest, "127.0.0.1 is a loopback address" },
        { "IPv6 loopback url", () => Submit.Form(null, "la", audioUrl: "https://[::1]/a.mp3"), HttpStatusCode.BadRequest, "::1 is a loopback address" },
        { "localhost url", () => Submit.Form(null, "la", audioUrl: "https://localhost/a.mp3"), HttpStatusCode.BadRequest, "localhost is a loopback address" },
        { "localhost. url", () => Submit.Form(null, "la", audioUrl: "https://localhost./x"), HttpStatusCode.BadRequest, "localhost is a loopback address" },
        { "LOCALHOST url", () => Submit.Form(null, "la", audioUrl: "https://Api.LOCALHOST./x"), HttpStatusCode.BadRequest, "api.localhost is a loopback address" },
        { "TEST-NET-1 url", () => Submit.Form(null, "la", audioUrl: "https://192.0.2.1/a.mp3"), HttpStatusCode.BadRequest, "192.0.2.1 is a documentation (TEST-NET-1) address" },
        { "TEST-NET-3 url", () => Submit.Form(null, "la", audioUrl: "https://203.0.113.9/a.mp3"), HttpStatusCode.BadRequest, "203.0.113.9 is a documentation (TEST-NET-3) address" },
        { "IPv6 documentation url", () => Submit.Form(null, "la", audioUrl: "https://[2001:db8::1]/a.mp3"), HttpStatusCode.BadRequest, "2001:db8::1 is a documentation address" },
        { "mapped IPv4 url", () => Submit.Form(null, "la", audioUrl: "https://[::ffff:198.51.100.1]/a.mp3"), HttpStatusCode.BadRequest, "a documentation (TEST-NET-2) address" },
        { "metadata url", () => Submit.Form(null, "la", audioUrl: "http://169.254.169.254/latest/meta-data/"), HttpStatusCode.BadRequest, "169.254.169.254 is a link-local (cloud metadata) address" },
        { "private url", () => Submit.Form(null, "la", audioUrl: "https://10.0.0.5/a.mp3"), HttpStatusCode.BadRequest, "10.0.0.5 is a private address" },
        { "plain http url", () => Submit.Form(null, "la", audioUrl: "http://example.com/a.mp3"), HttpStatusCode.BadRequest, "plain http:// is not allowed" },
    };

    [Theory]
    [MemberData(nameof(BadSubmits))]
    public async Task Submit_BadInput_IsProblemAndLeavesQueueIntact(string why, Func<HttpContent> content, HttpStatusCode status, string detail)
    {
        await using var app = await ProbeApplication.StartAsync();
        var good = await app.SubmitAsync();
        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/align" })
        {
            using var response = await app.Client.PostAsync(path, content(), Ct);
            await AssertProblem(response, status, detail);
        }
        Assert.Single(app.Store.List(null, null, null, 10));
        Assert.Equal(JobState.Queued, app.Store.Get(good)!.JobState);
        Assert.Equal(app.Store.Get(good)!.AudioPath!, Assert.Single(Directory.GetFiles(app.UploadsDir)));
        Assert.NotNull(why);
    }

    [Fact]
    public async Task Submit_ModelWithoutVocabulary_Is422NotServerError()
    {
        await using var app = await ProbeApplication.StartAsync();
        var folder = Directory.CreateDirectory(Path.Combine(app.Get<Foreman.Models.ModelCatalog>().Directory, "novocab")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), [0]);
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la", model: "novocab"), Ct);
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "model 'novocab' cannot be used");
        Assert.Empty(Directory.GetFiles(app.UploadsDir));
    }

    [Fact]
    public async Task Submit_InvalidUtf8Lyrics_Is400()
    {
        await using var app = await ProbeApplication.StartAsync();
        var form = Submit.Form(TestAudio.ToneWav(), null);
        form.Add(new ByteArrayContent([0x6c, 0x61, 0xff, 0xfe]), "lyrics");
        using var response = await app.Client.PostAsync("/api/v1/jobs", form, Ct);
        await AssertProblem(response, HttpStatusCode.BadRequest, "not valid UTF-8");
    }

    [Fact]
    public async Task Submit_MalformedMultipart_Is400()
    {
        await using var app = await ProbeApplication.StartAsync();
        var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"lyrics\"\r\n\r\nla la", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        using var response = await app.Client.PostAsync("/api/v1/jobs", content, Ct);
        await AssertProblem(response, HttpStatusCode.BadRequest, "malformed");
    }

    [Fact]
    public async Task Submit_OversizeUpload_Is413()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:Api:MaxUploadBytes"] = "1000" });
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(new byte[5000], "la"), Ct);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "1,000 bytes");
        Assert.Empty(Directory.Exists(app.UploadsDir) ? Directory.GetFiles(app.UploadsDir) : []);
    }

    [Fact]
    public async Task Submit_OversizeChunkedUploadOnRealKestrel_Is413WhileStreamingAndNoFileLeft()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true, settings: new Dictionary<string, string?> { ["Foreman:Api:MaxUploadBytes"] = "100000" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(new byte[300_000], "la") };
        request.Headers.TransferEncodingChunked = true; // no Content-Length: the limit must hold while the body streams to disk
        using var response = await app.Client.SendAsync(request, Ct);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 100,000 bytes");
        Assert.Empty(Directory.GetFiles(app.UploadsDir));
        var id = await app.SubmitAsync();
        Assert.Equal(JobState.Queued, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task Submit_QueueFullAndNothingFinishedLately_Is503WithUnknownRateRetryAfter()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:MaxQueued"] = "2" });
        await app.SubmitAsync();
        await app.SubmitAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la"), Ct);
        // No rate to go by: soon enough to find out, not the hour that told clients of an idle server to go away.
        var problem = await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "already queued; try again in 30 s");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(30, problem.GetProperty("retry_after_seconds").GetInt64());
        Assert.Equal(2, app.Store.CountQueued());
    }

    [Fact]
    public async Task List_OrderNewest_PagesFromTheNewestJob()
    {
        await using var app = await ProbeApplication.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await app.SubmitAsync());

        var first = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs?order=newest&limit=2", Ct);
        Assert.Equal([ids[2], ids[1]], first.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        var next = first.GetProperty("next_after").GetString();
        var second = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs?order=newest&limit=2&after={next}", Ct);
        Assert.Equal([ids[0]], second.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_UnknownOrder_Is400Problem()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.GetAsync("/api/v1/jobs?order=sideways", Ct);
        await AssertProblem(response, HttpStatusCode.BadRequest, "oldest or newest");
    }

    [Fact]
    public async Task Submit_QueueFull_RetryAfterFromRecentThroughput()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:MaxQueued"] = "3" });
        for (var i = 0; i < 3; i++) await app.SubmitAsync();
        Assert.Equal(3, await app.DrainAsync());
        var accepted = new List<string>();
        for (var i = 0; i < 3; i++) accepted.Add(await app.SubmitAsync());
        app.Time!.Advance(TimeSpan.FromMinutes(1)); // 3 finished in the minute since the oldest of them: 0.05 jobs/s

        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/align" })
        {
            using var response = await app.Client.PostAsync(path, Submit.Form(TestAudio.ToneWav(), "la"), Ct);
            await AssertProblem(response, HttpStatusCode.ServiceUnavailable, "try again in 1 min");
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.RetryAfter?.Delta); // 3 queued / 0.05 per s
        }
        Assert.All(accepted, id => Assert.Equal(JobState.Queued, app.Store.Get(id)!.JobState));
        Assert.Equal(3, await app.DrainAsync());
    }

    [Fact]
    public async Task Submit_DeadlinePassesWhileQueued_JobExpiresWithReasonAndOthersRun()
    {
        await using var app = await ProbeApplication.StartAsync();
        var late = await app.SubmitAsync(deadline: "10m");
        var patient = await app.SubmitAsync();
        var job = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{late}", Ct);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:10:00Z"), job.GetProperty("deadline").GetDateTimeOffset());

        app.Time!.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(1, await app.DrainAsync());

        job = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{late}", Ct);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("deadline passed before it started", job.GetProperty("last_error").GetString());
        using var result = await app.Client.GetAsync($"/api/v1/jobs/{late}/result", Ct);
        await AssertProblem(result, HttpStatusCode.Conflict, "deadline passed");
        Assert.Equal(JobState.Done, app.Store.Get(patient)!.JobState);
    }

    [Fact]
    public async Task Submit_DeadlineNotReached_JobRuns()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await app.SubmitAsync(deadline: "10m");
        app.Time!.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1, await app.DrainAsync());
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task Submit_UploadOverDurationLimit_Is422WithLimit()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:Inputs:MaxDuration"] = "00:00:01" });
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(seconds: 2), "la"), Ct);
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "the audio is 2 s long; the limit is 1 s");
        Assert.EndsWith("/audio-too-long", problem.GetProperty("type").GetString());
        Assert.Empty(Directory.GetFiles(app.UploadsDir));
    }

    [Fact]
    public async Task Submit_TraversalInUploadFileName_StoredUnderJobIdOnly()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la", audioFileName: "../../x"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.Equal(Path.Combine(app.UploadsDir, id + ".audio"), Assert.Single(Directory.GetFiles(app.UploadsDir)));
        var dataDir = Path.GetDirectoryName(app.UploadsDir)!;
        Assert.False(File.Exists(Path.Combine(dataDir, "..", "x")));
        Assert.DoesNotContain(Directory.GetFiles(dataDir, "x", SearchOption.AllDirectories), _ => true);
    }

    [Fact]
    public async Task Submit_LongIdempotencyKey_Is400()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(TestAudio.ToneWav(), "la") };
        request.Headers.Add("Idempotency-Key", new string('k', 10_000));
        using var response = await app.Client.SendAsync(request, Ct);
        await AssertProblem(response, HttpStatusCode.BadRequest, "Idempotency-Key header is longer than 200 characters");
    }

    [Fact]
    public async Task Submit_HugeHeaderOnRealKestrel_Is431AndServerStaysHealthy()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(TestAudio.ToneWav(), "la") })
        {
            request.Headers.Add("X-Padding", new string('p', 64 * 1024));
            using var response = await app.Client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }
        var id = await app.SubmitAsync();
        Assert.Equal(1, await app.DrainAsync());
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task Align_AudioShorterThanLyricsNeed_Is422WithTheEnginesReason()
    {
        // The bundled model and the real engine: 0.3 s cannot hold forty lines.
        await using var app = await ForemanApplication.StartAsync();
        var lyrics = string.Join('\n', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 40));
        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(seconds: 0.3), lyrics), Ct);
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "the alignment failed: the audio is too short");
        var job = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{problem.GetProperty("job_id").GetString()}", Ct);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Equal(1, job.GetProperty("attempt").GetInt64());
        Assert.StartsWith("the audio is too short", job.GetProperty("last_error").GetString());
    }

    /// <summary>Checks an RFC 9457 problem response and returns its body.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
