using System.Text.Json;

namespace Foreman.Bench;

/// <summary>One song of a bench folder: audio, lyrics, and the true start of each sung line and timed word.</summary>
/// <param name="SnrDb">Vocal-to-backing ratio; null when the song has no backing track.</param>
public sealed record BenchSong(string Name, string AudioPath, string Lyrics, double? SnrDb, IReadOnlyList<TruthLine> Lines)
{
    /// <summary>Reads every song listed in a folder's <c>manifest.json</c>.</summary>
    public static IReadOnlyList<BenchSong> LoadFolder(string songsDirectory)
    {
        var manifestPath = Path.Combine(songsDirectory, "manifest.json");
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"{songsDirectory} has no manifest.json", manifestPath);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return manifest.RootElement.GetProperty("songs").EnumerateArray()
            .Select(song => Load(songsDirectory, song))
            .ToArray();
    }

    private static BenchSong Load(string directory, JsonElement entry)
    {
        var name = entry.GetProperty("name").GetString()!;
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, entry.GetProperty("truth").GetString()!)));
        var snr = truth.RootElement.GetProperty("snr_db");
        var lines = truth.RootElement.GetProperty("lines").EnumerateArray().Select(line => new TruthLine(
                line.GetProperty("txt_line").GetInt32(),
                line.GetProperty("start").GetDouble(),
                line.TryGetProperty("words", out var words) && words.ValueKind == JsonValueKind.Array
                    ? words.EnumerateArray().Select(w => w.GetProperty("start").GetDouble()).ToArray()
                    : null))
            .ToArray();
        return new BenchSong(
            name,
            Path.Combine(directory, entry.GetProperty("audio").GetString()!),
            File.ReadAllText(Path.Combine(directory, entry.GetProperty("lyrics").GetString()!)),
            snr.ValueKind == JsonValueKind.Number ? snr.GetDouble() : null,
            lines);
    }
}

/// <summary>The truth for one sung line.</summary>
/// <param name="SourceLine">1-based line number in the lyrics file.</param>
/// <param name="WordStarts">Start of each word, for sung lines; null for spoken lines (line timing only).</param>
public sealed record TruthLine(int SourceLine, double Start, IReadOnlyList<double>? WordStarts);
