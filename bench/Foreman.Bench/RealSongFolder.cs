using System.Text.Json;

namespace Foreman.Bench;

/// <summary>
/// Songs with human word timings in the JamendoLyrics layout (../shared/real-songs): a <c>manifest.json</c> whose songs
/// list their audio, lyrics file, and lines with word index ranges into their words.
/// </summary>
public static class RealSongFolder
{
    public static IReadOnlyList<RealSong> Load(string directory)
    {
        var manifestPath = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestPath)) throw new FileNotFoundException($"{directory} has no manifest.json", manifestPath);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return manifest.RootElement.GetProperty("songs").EnumerateArray().Select(song => Load(directory, song)).ToArray();
    }

    private static RealSong Load(string directory, JsonElement song)
    {
        var lyrics = File.ReadAllText(Path.Combine(directory, song.GetProperty("lyrics_file").GetString()!));
        // The manifest's lines are the lyrics file's non-blank lines, in order.
        var sourceLines = lyrics.Split('\n')
            .Select((text, i) => (Text: text.Trim(), Number: i + 1))
            .Where(l => l.Text.Length > 0)
            .Select(l => l.Number)
            .ToArray();
        var words = song.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("start").GetDouble()).ToArray();
        var lines = song.GetProperty("lines").EnumerateArray().Select((line, i) =>
        {
            var first = line.GetProperty("word_first").GetInt32();
            var last = line.GetProperty("word_last").GetInt32();
            return new TruthLine(sourceLines[i], line.GetProperty("start").GetDouble(), words[first..(last + 1)]);
        }).ToArray();
        if (lines.Length != sourceLines.Length)
            throw new InvalidDataException($"{song.GetProperty("id").GetString()}: {lines.Length} annotated lines but {sourceLines.Length} lyric lines");
        var id = song.GetProperty("id").GetString()!;
        return new RealSong(
            new BenchSong(id, Path.Combine(directory, song.GetProperty("audio").GetString()!), lyrics, SnrDb: null, lines),
            song.TryGetProperty("language", out var language) ? language.GetString() ?? "?" : "?");
    }
}

/// <summary>One real song: the bench form of its truth, and its language as the manifest names it.</summary>
public sealed record RealSong(BenchSong Song, string Language);
