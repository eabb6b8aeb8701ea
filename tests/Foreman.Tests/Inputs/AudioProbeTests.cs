using System.Diagnostics;
using Foreman.Inputs;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Inputs;

public class AudioProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AudioProbe Probe(TimeSpan? maxDuration = null) =>
        new(Options.Create(new InputOptions { MaxDuration = maxDuration ?? TimeSpan.FromMinutes(60) }));

    [Fact]
    public async Task Check_PcmWavOverLimit_RejectsFromHeaderWithLimit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.wav");
        await File.WriteAllBytesAsync(path, TestAudio.ToneWav(seconds: 2), Ct);
        var rejection = await Probe(TimeSpan.FromSeconds(1)).CheckAsync(path, Ct);
        Assert.Equal(new AudioRejection("audio-too-long", "the audio is 2 s long; the limit is 1 s"), rejection);
    }

    [Fact]
    public async Task Check_Mp3WithinLimit_PassesThroughFfprobe()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.mp3");
        await FfmpegAsync(path, "sine=f=440:d=2");
        Assert.Null(await Probe().CheckAsync(path, Ct));
        Assert.NotNull(await Probe(TimeSpan.FromSeconds(1)).CheckAsync(path, Ct));
    }

    [Fact]
    public async Task Check_WavWithNoSamples_IsEmpty()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.wav");
        await File.WriteAllBytesAsync(path, TestAudio.ToneWav(seconds: 0), Ct);
        Assert.Equal("empty-audio", (await Probe().CheckAsync(path, Ct))?.Type);
    }

    private static async Task FfmpegAsync(string path, string source)
    {
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
        {
            ArgumentList = { "-v", "error", "-y", "-f", "lavfi", "-i", source, "-ar", "16000", path },
            RedirectStandardError = true,
        })!;
        var error = await ffmpeg.StandardError.ReadToEndAsync(Ct);
        await ffmpeg.WaitForExitAsync(Ct);
        Assert.True(ffmpeg.ExitCode == 0, error);
    }
}
