using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Api;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary><c>GET /api/v1/jobs/{id}/audio</c>: the stored upload, with Range, while it is kept.</summary>
public class JobAudioApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueuedJob_ServesItsUploadAsWav()
    {
        await using var app = await ProbeApplication.StartAsync();
        var wav = TestAudio.ToneWav(1.0);
        var id = await SubmitAsync(app, wav);

        using var response = await app.Client.GetAsync($"/api/v1/jobs/{id}/audio", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.Equal(wav, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task RangeRequest_AnswersPartialContent()
    {
        await using var app = await ProbeApplication.StartAsync();
        var wav = TestAudio.ToneWav(1.0);
        var id = await SubmitAsync(app, wav);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{id}/audio");
        request.Headers.Range = new RangeHeaderValue(100, 199);

        using var response = await app.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 100-199/{wav.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(wav[100..200], await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task DoneJob_UploadDeleted_IsAudioNotKept()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await SubmitAsync(app, TestAudio.ToneWav());
        await app.DrainAsync();

        using var response = await app.Client.GetAsync($"/api/v1/jobs/{id}/audio", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://foreman.dev/problems/audio-not-kept", problem.GetProperty("type").GetString());
        Assert.Contains("no longer kept", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownJob_NotFound()
    {
        await using var app = await ProbeApplication.StartAsync();

        using var response = await app.Client.GetAsync($"/api/v1/jobs/{Ulid.NewUlid()}/audio", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("https://foreman.dev/problems/not-found", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task WithApiKeys_NeedsAKey()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:ApiKeys:0"] = "key-1" });
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "key-1");
        var id = await SubmitAsync(app, TestAudio.ToneWav());
        app.Client.DefaultRequestHeaders.Authorization = null;

        using var anonymous = await app.Client.GetAsync($"/api/v1/jobs/{id}/audio", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/jobs/{id}/audio") { Headers = { { "X-API-Key", "key-1" } } };
        using var keyed = await app.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0 }, "audio/mpeg")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "audio/mpeg")]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, "audio/aac")]
    [InlineData(new byte[] { (byte)'f', (byte)'L', (byte)'a', (byte)'C', 0 }, "audio/flac")]
    [InlineData(new byte[] { (byte)'O', (byte)'g', (byte)'g', (byte)'S', 0 }, "audio/ogg")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'M', (byte)'4', (byte)'A' }, "audio/mp4")]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, "audio/webm")]
    [InlineData(new byte[] { 1, 2 }, AudioMediaTypes.Unknown)]
    public void Sniff_FirstBytes_GiveTheMediaTypeAndRewind(byte[] head, string expected)
    {
        using var stream = new MemoryStream([.. head, .. new byte[16]]);

        Assert.Equal(expected, AudioMediaTypes.Sniff(stream));
        Assert.Equal(0, stream.Position);
    }

    private static async Task<string> SubmitAsync(ProbeApplication app, byte[] wav)
    {
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(wav, "one line\nanother line", "a"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }
}
