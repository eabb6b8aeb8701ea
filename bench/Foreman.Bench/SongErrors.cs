using Foreman.Alignment;

namespace Foreman.Bench;

/// <summary>Absolute start errors (seconds) of one song's aligned lines and timed words against the truth, and the confidence of each of those lines.</summary>
public sealed record SongErrors(IReadOnlyList<double> LineStarts, IReadOnlyList<double> WordStarts, IReadOnlyList<double> LineConfidences)
{
    /// <summary>
    /// Pairs aligned lines with truth lines by their line number in the lyrics, and words by position where the
    /// word counts agree (lines the parser splits differently are scored at line level only).
    /// </summary>
    public static SongErrors Of(BenchSong song, AlignmentResult result)
    {
        var bySourceLine = result.TimedLines.ToDictionary(line => line.Index + 1);
        var lineErrors = new List<double>();
        var wordErrors = new List<double>();
        var confidences = new List<double>();
        foreach (var truth in song.Lines)
        {
            if (!bySourceLine.TryGetValue(truth.SourceLine, out var aligned)) continue;
            lineErrors.Add(Math.Abs(aligned.StartSeconds - truth.Start));
            confidences.Add(aligned.Confidence ?? 0);
            if (truth.WordStarts is { } starts && starts.Count == aligned.Words.Count)
                wordErrors.AddRange(starts.Select((start, w) => Math.Abs(aligned.Words[w].Start - start)));
        }
        return new SongErrors(lineErrors, wordErrors, confidences);
    }
}
