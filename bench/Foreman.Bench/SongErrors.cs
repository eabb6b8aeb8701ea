using Foreman.Alignment;
using Foreman.Alignment.Text;

namespace Foreman.Bench;

/// <summary>Absolute start errors (seconds) of one song's aligned lines and timed words against the truth.</summary>
public sealed record SongErrors(IReadOnlyList<double> LineStarts, IReadOnlyList<double> WordStarts)
{
    /// <summary>
    /// Pairs aligned lines with truth lines by their line number in the lyrics, and words by position where the
    /// word counts agree (lines the parser splits differently are scored at line level only).
    /// </summary>
    public static SongErrors Of(BenchSong song, IReadOnlyList<LyricLine> lines, AlignmentResult result)
    {
        var bySourceLine = lines.Select((line, i) => (line.SourceLine, Aligned: result.Lines[i])).ToDictionary(p => p.SourceLine, p => p.Aligned);
        var lineErrors = new List<double>();
        var wordErrors = new List<double>();
        foreach (var truth in song.Lines)
        {
            if (!bySourceLine.TryGetValue(truth.SourceLine, out var aligned)) continue;
            lineErrors.Add(Math.Abs(aligned.Start - truth.Start));
            if (truth.WordStarts is { } starts && starts.Count == aligned.Words.Count)
                wordErrors.AddRange(starts.Select((start, w) => Math.Abs(aligned.Words[w].Start - start)));
        }
        return new SongErrors(lineErrors, wordErrors);
    }
}
