using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Foreman.Alignment.Audio;

/// <summary>
/// Decodes any audio file ffmpeg reads to mono float samples at the model's rate.
/// PCM WAV already at that rate is read directly, which skips a process start and a resampling pass.
/// </summary>
/// <param name="maxDuration">
/// When set, ffmpeg stops a little past this much output: a file whose header understates its length (or gives none)
/// cannot decode into more memory than the limit allows. The caller checks the decoded length against its limit.
/// </param>
public sealed class AudioDecoder(int sampleRate, string ffmpegPath = "ffmpeg", TimeSpan? maxDuration = null)
{
    private const int StderrLimit = 2000;

    public int SampleRate { get; } = sampleRate > 0 ? sampleRate : throw new ArgumentOutOfRangeException(nameof(sampleRate));

    /// <exception cref="AlignmentInputException">The file holds no decodable audio.</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg is needed and cannot be started.</exception>
    public async Task<DecodedAudio> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"audio file {path} does not exist", path);
        var native = TryReadNativeWav(path, cancellationToken);
        var samples = native ?? await DecodeWithFfmpegAsync(path, cancellationToken).ConfigureAwait(false);
        if (samples.Length == 0) throw new AlignmentInputException("the audio could not be decoded: it contains no samples");
        return new DecodedAudio(samples, SampleRate);
    }

    private float[]? TryReadNativeWav(string path, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (!WavReader.TryReadLayout(stream, out var layout) || layout.SampleRate != SampleRate) return null;
        return WavReader.ReadMono(stream, layout, cancellationToken);
    }

    private async Task<float[]> DecodeWithFfmpegAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-i", path,
                     "-map", "0:a:0", "-ac", "1", "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(argument);
        if (maxDuration is { } limit)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add((limit.TotalSeconds + 1).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var argument in (string[])["-f", "f32le", "-"]) start.ArgumentList.Add(argument);

        using var process = FfmpegProcess.Start(start);

        // Killing the process is what makes a cancelled decode stop promptly: the reads below then end.
        await using var kill = FfmpegProcess.KillOn(process, cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var samples = await ReadFloatsAsync(process.StandardOutput.BaseStream, EstimateSamples(path)).ConfigureAwait(false);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var message = (await stderr.ConfigureAwait(false)).Trim();
        cancellationToken.ThrowIfCancellationRequested();

        if (process.ExitCode != 0)
        {
            if (message.Length > StderrLimit) message = message[..StderrLimit] + "…";
            throw new AlignmentInputException(
                $"the audio could not be decoded: ffmpeg says: {(message.Length > 0 ? message : $"exit code {process.ExitCode}")}");
        }
        return samples;
    }

    // Two samples per file byte fits compressed audio up to ~128 kb/s at 16 kHz, so the buffer rarely regrows;
    // the cap keeps a large uncompressed file from reserving more than ten minutes up front.
    private long EstimateSamples(string path) => Math.Clamp(new FileInfo(path).Length * 2, SampleRate, (long)SampleRate * 600);

    private static async Task<float[]> ReadFloatsAsync(Stream stdout, long capacityGuess)
    {
        var samples = new float[capacityGuess];
        var count = 0;
        var buffer = new byte[1 << 16];
        var carried = 0; // bytes of an incomplete float kept at the start of buffer
        int read;
        while ((read = await stdout.ReadAsync(buffer.AsMemory(carried)).ConfigureAwait(false)) > 0)
        {
            var available = carried + read;
            var whole = available / sizeof(float);
            if (count + whole > samples.Length) Array.Resize(ref samples, Math.Max(samples.Length * 2, count + whole));
            MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, whole * sizeof(float))).CopyTo(samples.AsSpan(count));
            count += whole;
            carried = available - whole * sizeof(float);
            buffer.AsSpan(whole * sizeof(float), carried).CopyTo(buffer);
        }
        return count == samples.Length ? samples : samples[..count];
    }
}
