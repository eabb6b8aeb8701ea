using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary>
/// What a lyrics app gets back for every line it sent, through the real host, the bundled model, ffmpeg and the engine:
/// tags, repeat markers and emoji lines are listed with their status, and a Chinese line is aligned character by character.
/// </summary>
public class LyricLinesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Lyrics = "[Verse 1]\nHello there my friend\n\nx2\n😀 🎶\n你好世界\n";

    [Fact]
    public async Task Align_TagRepeatEmojiAndChineseLines_EveryNonBlankLineWithIndexAndStatus()
    {
        await using var app = await ForemanApplication.StartAsync();

        using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(seconds: 4), Lyrics), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var lines = result.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(
            [
                (0, "[Verse 1]", "skipped", "section_tag"), (1, "Hello there my friend", "aligned", null),
                (3, "x2", "skipped", "repeat_marker"), (4, "😀 🎶", "unaligned", "nothing_to_align"), (5, "你好世界", "aligned", null),
            ],
            lines.Select(l => (l.GetProperty("index").GetInt32(), l.GetProperty("text").GetString(), l.GetProperty("status").GetString(),
                l.TryGetProperty("reason", out var reason) ? reason.GetString() : null)));
        var chinese = lines[4];
        Assert.Equal(["你", "好", "世", "界"], chinese.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("text").GetString()));
        var times = chinese.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("start").GetDouble()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(chinese.GetProperty("end").GetDouble() > chinese.GetProperty("start").GetDouble());
        Assert.All(lines.Where(l => l.GetProperty("status").GetString() != "aligned"), l =>
        {
            Assert.False(l.TryGetProperty("start", out _));
            Assert.Equal(0, l.GetProperty("words").GetArrayLength());
        });
        Assert.Equal("en", result.GetProperty("language").GetString()); // most letters are Latin
    }

    [Fact]
    public async Task Result_TextFormats_OnlyTimedLinesWithOriginalCharacters()
    {
        await using var app = await ForemanApplication.StartAsync();
        using var submitted = await app.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(seconds: 4), Lyrics, format: "elrc"), Ct);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var lrc = (await submitted.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var timed = lrc.Where(line => !line.StartsWith("[re:", StringComparison.Ordinal) && !line.StartsWith("[length:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, timed.Count);
        Assert.Contains("Hello", timed[0]);
        // Enhanced LRC lights each character of the Chinese line.
        Assert.Equal(5, timed[1].Split('<').Length - 1);
        Assert.Contains(">你 <", timed[1]);
        Assert.DoesNotContain(lrc, line => line.Contains("Verse", StringComparison.Ordinal) || line.Contains("x2", StringComparison.Ordinal) || line.Contains("😀", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("DE", "de")]
    [InlineData(null, "zh")]
    public async Task Submit_Language_StoredWithTheJobAndUsedByTheWorker(string? language, string expected)
    {
        await using var app = await ForemanApplication.StartAsync();

        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(seconds: 3), "我爱你 21\n", language: language), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        Assert.Equal(expected, app.Get<IJobStore>().Get(id)!.Language);

        await Eventually.TrueAsync(() => Task.FromResult(app.Get<IJobStore>().Get(id)!.JobState == JobState.Done), "the job to finish", Ct, TimeSpan.FromMinutes(2));
        var result = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}/result", Ct);
        Assert.Equal(expected, result.GetProperty("language").GetString());
        Assert.Equal(["我", "爱", "你", "21"], result.GetProperty("lines")[0].GetProperty("words").EnumerateArray().Select(w => w.GetProperty("text").GetString()));
    }
}
