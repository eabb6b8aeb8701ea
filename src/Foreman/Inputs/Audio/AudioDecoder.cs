using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Foreman.Inputs.Audio;

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
    private const int ChunkBytes = 1 << 20;

    public int SampleRate { get; } = sampleRate > 0 ? sampleRate : throw new ArgumentOutOfRangeException(nameof(sampleRate));

    /// <exception cref="UnusableAudioException">The file holds no decodable audio.</exception>
    /// <exception cref="FfmpegNotFoundException">ffmpeg is needed and cannot be started.</exception>
    public async Task<DecodedAudio> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"audio file {path} does not exist", path);
        var native = TryReadNativeWav(path, cancellationToken);
        var samples = native ?? await DecodeWithFfmpegAsync(path, cancellationToken).ConfigureAwait(false);
        if (samples.Length == 0) throw new UnusableAudioException("the audio could not be decoded: it contains no samples");
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
        var samples = await ReadFloatsAsync(process.StandardOutput.BaseStream).ConfigureAwait(false);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var message = (await stderr.ConfigureAwait(false)).Trim();
        cancellationToken.ThrowIfCancellationRequested();

        if (process.ExitCode != 0)
        {
            if (message.Length > StderrLimit) message = message[..StderrLimit] + "…";
            throw new UnusableAudioException(
                $"the audio could not be decoded: ffmpeg says: {(message.Length > 0 ? message : $"exit code {process.ExitCode}")}");
        }
        return samples;
    }

    // ffmpeg's output length is unknown until it ends, so the bytes arrive in fixed chunks and are copied once into
    // an array of the exact length. Growing one array by doubling held up to twice the audio in slack and left the
    // outgrown arrays behind as garbage: over 500 MB for an hour at 16 kHz, whose samples take 230 MB.
    private static async Task<float[]> ReadFloatsAsync(Stream stdout)
    {
        var chunks = new List<byte[]>();
        var used = ChunkBytes; // bytes filled in the last chunk
        while (true)
        {
            if (used == ChunkBytes)
            {
                chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkBytes));
                used = 0;
            }
            var read = await stdout.ReadAsync(chunks[^1].AsMemory(used)).ConfigureAwait(false);
            if (read == 0) break;
            used += read;
        }
        var total = (long)(chunks.Count - 1) * ChunkBytes + used;
        var samples = GC.AllocateUninitializedArray<float>(checked((int)(total / sizeof(float))));
        var destination = MemoryMarshal.AsBytes(samples.AsSpan());
        foreach (var chunk in chunks)
        {
            var length = Math.Min(chunk.Length, destination.Length);
            chunk.AsSpan(0, length).CopyTo(destination);
            destination = destination[length..];
        }
        return samples;
    }
}
