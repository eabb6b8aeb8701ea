using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Foreman.Diagnostics;
using Foreman.Inputs.Audio;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs;

/// <summary>Why a file cannot be an input: <see cref="Type"/> is the problem type the API answers with.</summary>
public sealed record AudioRejection(string Type, string Detail);

/// <summary>
/// A quick look at an audio file before any job depends on it: is it decodable audio, and within the duration limit?
/// PCM WAV is judged from its header; anything else by <c>ffprobe</c> (which ships with ffmpeg).
/// </summary>
public sealed class AudioProbe(IOptions<InputOptions> options)
{
    private const string Formats = "send a common audio format such as MP3, WAV, FLAC, OGG or M4A";

    /// <summary>Null when the file looks like audio within the limit; otherwise why not.</summary>
    /// <exception cref="FfmpegNotFoundException">ffprobe cannot be started.</exception>
    public async Task<AudioRejection?> CheckAsync(string path, CancellationToken cancellationToken)
    {
        var (duration, rejection) = TryReadWav(path) is { } wav ? (wav, null) : await RunFfprobeAsync(path, cancellationToken);
        if (rejection is not null) return rejection;
        if (duration == TimeSpan.Zero) return new AudioRejection("empty-audio", "the audio contains no samples");
        return duration is { } length ? CheckDuration(length) : null;
    }

    /// <summary>The rejection for audio of <paramref name="duration"/>, or null within the limit.</summary>
    public AudioRejection? CheckDuration(TimeSpan duration)
    {
        var limit = options.Value.MaxDuration;
        return duration <= limit
            ? null
            : new AudioRejection("audio-too-long", $"the audio is {HumanDuration.Describe(duration)} long; the limit is {HumanDuration.Describe(limit)}");
    }

    private static TimeSpan? TryReadWav(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        if (!WavReader.TryReadLayout(stream, out var layout)) return null;
        var frames = layout.DataLength / (layout.BitsPerSample / 8 * layout.Channels);
        return TimeSpan.FromSeconds((double)frames / layout.SampleRate);
    }

    private async Task<(TimeSpan?, AudioRejection?)> RunFfprobeAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "json", path])
            start.ArgumentList.Add(argument);
        using var process = FfmpegProcess.Start(start);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ProbeTimeout);
        await using (FfmpegProcess.KillOn(process, timeout.Token))
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
                return (null, Undecodable($"ffprobe could not read it within {options.Value.ProbeTimeout.TotalSeconds:0} s"));
            if (process.ExitCode != 0)
                return (null, Undecodable($"ffprobe says: {LastLine(await stderr, path)}"));
            return Read(await stdout);
        }
    }

    private static (TimeSpan?, AudioRejection?) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var kinds = root.TryGetProperty("streams", out var streams)
            ? streams.EnumerateArray().Select(s => s.TryGetProperty("codec_type", out var t) ? t.GetString() : null).OfType<string>().ToList()
            : [];
        if (!kinds.Contains("audio"))
            return (null, new AudioRejection("no-audio-stream", kinds.Count == 0
                ? $"the file has no audio stream; {Formats}"
                : $"the file has no audio stream (it holds {string.Join(", ", kinds.Distinct())}); {Formats}"));
        var duration = root.TryGetProperty("format", out var format) && format.TryGetProperty("duration", out var value)
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null; // some streams carry no duration: the decoded length is checked instead
        return (duration, null);
    }

    private static AudioRejection Undecodable(string why) => new("undecodable-audio", $"the audio could not be decoded ({why}); {Formats}");

    /// <summary>ffprobe's last complaint, without our file path (it names a temp file the user never saw).</summary>
    private static string LastLine(string stderr, string path)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
        line = line.Replace(path + ": ", "", StringComparison.Ordinal).Replace(path, "the file", StringComparison.Ordinal);
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
