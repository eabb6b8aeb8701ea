using System.Diagnostics;
using System.Text;
using Foreman.Inputs;
using Foreman.Inputs.Audio;

namespace Foreman.Tests.Inputs.Audio;

public sealed class AudioDecoderTests : IDisposable
{
    private const int Rate = 16000;
    private readonly string _directory = Directory.CreateTempSubdirectory("foreman-audio-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("tone.wav", "-ar 44100 -ac 2")]
    [InlineData("tone.mp3", "-ar 44100 -ac 2")]
    [InlineData("tone.flac", "-ar 22050 -ac 1")]
    [InlineData("tone.ogg", "-ar 48000 -ac 2")]
    [InlineData("tone.m4a", "-ar 44100 -ac 1")]
    public async Task DecodeAsync_CommonContainer_GivesMonoAtModelRateOfTheRightLength(string name, string format)
    {
        var path = await SineAsync(name, format, seconds: 1.5);

        var audio = await new AudioDecoder(Rate).DecodeAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(Rate, audio.SampleRate);
        // Lossy encoders may pad or trim a few milliseconds at the edges.
        Assert.InRange(audio.Duration, 1.45, 1.56);
        Assert.InRange(audio.Samples.Max(), 0.1f, 0.2f); // lavfi sine peaks at 1/8
    }

    [Theory]
    [InlineData(16, false)]
    [InlineData(24, false)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public async Task DecodeAsync_PcmWavAtModelRate_ReadsWithoutFfmpeg(int bits, bool isFloat)
    {
        var path = Path.Combine(_directory, "native.wav");
        float[] left = [0.5f, -0.25f, 0f, 0.75f], right = [0.25f, -0.25f, 0.5f, -0.75f];
        await File.WriteAllBytesAsync(path, Wav(bits, isFloat, left, right), TestContext.Current.CancellationToken);

        // An ffmpeg that cannot start proves the native path served the file.
        var audio = await new AudioDecoder(Rate, ffmpegPath: "/nonexistent/ffmpeg").DecodeAsync(path, TestContext.Current.CancellationToken);

        var expected = left.Zip(right, (l, r) => (l + r) / 2).ToArray();
        Assert.Equal(expected.Length, audio.Samples.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], audio.Samples[i], 1e-4f);
    }

    [Fact]
    public async Task DecodeAsync_WavAtOtherRate_ResamplesWithFfmpeg()
    {
        var path = await SineAsync("tone8k.wav", "-ar 8000 -ac 1", seconds: 1);

        var audio = await new AudioDecoder(Rate).DecodeAsync(path, TestContext.Current.CancellationToken);

        Assert.InRange(audio.Samples.Length, Rate - 50, Rate + 50);
    }

    [Fact]
    public async Task DecodeAsync_OutputOfManyChunks_EqualsTheNativeReadSampleForSample()
    {
        // 40 s at 16 kHz is 2.4 MiB of ffmpeg output: chunks, a partly filled last one, floats across chunk edges.
        var flac = await SineAsync("long.flac", "-ar 16000 -ac 1 -sample_fmt s16", seconds: 40);
        var wav = await SineAsync("long.wav", "-ar 16000 -ac 1 -c:a pcm_s16le", seconds: 40);

        var decoded = await new AudioDecoder(Rate).DecodeAsync(flac, TestContext.Current.CancellationToken);
        var native = await new AudioDecoder(Rate, ffmpegPath: "/nonexistent/ffmpeg").DecodeAsync(wav, TestContext.Current.CancellationToken);

        Assert.Equal(40 * Rate, decoded.Samples.Length);
        Assert.Equal(native.Samples, decoded.Samples);
    }

    [Fact]
    public async Task DecodeAsync_LongerThanMaxDuration_StopsJustPastTheLimit()
    {
        var path = await SineAsync("long.ogg", "-ar 48000 -ac 1", seconds: 6);

        var audio = await new AudioDecoder(Rate, maxDuration: TimeSpan.FromSeconds(2)).DecodeAsync(path, TestContext.Current.CancellationToken);

        // One second past the limit: enough for the caller to see the file is too long, never the whole file.
        Assert.InRange(audio.Duration, 2.9, 3.1);
    }

    public static TheoryData<string, byte[]> Undecodable => new()
    {
        { "empty.mp3", [] },
        { "text.mp3", Encoding.UTF8.GetBytes("these are lyrics, not audio\n") },
        { "noise.ogg", Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Undecodable))]
    public async Task DecodeAsync_UndecodableFile_ThrowsInputException(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<UnusableAudioException>(() => new AudioDecoder(Rate).DecodeAsync(path, TestContext.Current.CancellationToken));

        Assert.StartsWith("the audio could not be decoded", error.Message);
    }

    [Fact]
    public async Task DecodeAsync_VideoWithoutAudioStream_ThrowsInputException()
    {
        var path = Path.Combine(_directory, "silent-video.mkv");
        await FfmpegAsync($"-f lavfi -i color=c=black:s=32x32:d=1 \"{path}\"");

        await Assert.ThrowsAsync<UnusableAudioException>(() => new AudioDecoder(Rate).DecodeAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DecodeAsync_FfmpegMissing_ThrowsOperatorError()
    {
        var path = await SineAsync("tone.mp3", "-ar 44100 -ac 1", seconds: 0.5);

        var error = await Assert.ThrowsAsync<FfmpegNotFoundException>(
            () => new AudioDecoder(Rate, ffmpegPath: "/nonexistent/ffmpeg").DecodeAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("install ffmpeg", error.Message);
    }

    [Fact]
    public async Task DecodeAsync_Cancelled_Throws()
    {
        var path = await SineAsync("long.mp3", "-ar 44100 -ac 1", seconds: 30);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AudioDecoder(Rate).DecodeAsync(path, cancellation.Token));
    }

    private async Task<string> SineAsync(string name, string format, double seconds)
    {
        var path = Path.Combine(_directory, name);
        await FfmpegAsync($"-f lavfi -i sine=frequency=440:sample_rate=48000:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {format} \"{path}\"");
        return path;
    }

    private static async Task FfmpegAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", $"-nostdin -hide_banner -loglevel error -y {arguments}")
        {
            RedirectStandardError = true,
        })!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"ffmpeg {arguments} failed: {stderr}");
    }

    private static byte[] Wav(int bits, bool isFloat, float[] left, float[] right)
    {
        var bytesPerSample = bits / 8;
        var data = new MemoryStream();
        var writer = new BinaryWriter(data);
        for (var i = 0; i < left.Length; i++)
            foreach (var x in new[] { left[i], right[i] })
            {
                if (isFloat) writer.Write(x);
                else if (bits == 16) writer.Write((short)Math.Round(x * 32767));
                else if (bits == 24)
                {
                    var v = (int)Math.Round(x * 8388607);
                    writer.Write((byte)v);
                    writer.Write((byte)(v >> 8));
                    writer.Write((byte)(v >> 16));
                }
                else writer.Write((int)Math.Round(x * 2147483647.0));
            }
        var file = new MemoryStream();
        var header = new BinaryWriter(file);
        header.Write("RIFF"u8);
        header.Write((int)(4 + 8 + 16 + 8 + data.Length));
        header.Write("WAVE"u8);
        header.Write("fmt "u8);
        header.Write(16);
        header.Write((short)(isFloat ? 3 : 1));
        header.Write((short)2);
        header.Write(Rate);
        header.Write(Rate * 2 * bytesPerSample);
        header.Write((short)(2 * bytesPerSample));
        header.Write((short)bits);
        header.Write("data"u8);
        header.Write((int)data.Length);
        header.Write(data.ToArray());
        return file.ToArray();
    }
}
