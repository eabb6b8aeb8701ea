using Foreman.Alignment.Emissions;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// Turns one frame of emissions into the scores graph states read: the vocabulary's log posteriors, plus a gap
/// column for the states between lines (anything that is not lyrics: silence, instrumental, stray letters).
/// </summary>
public sealed class FrameScorer(EmissionMatrix emissions, int blankId, int? delimiterId, GapOptions gap)
{
    /// <summary>The column of the gap score, just past the vocabulary.</summary>
    public int GapColumn => emissions.Width;

    /// <summary>Width of a score row.</summary>
    public int Width => emissions.Width + 1;

    public int Frames => emissions.Frames;

    public void Fill(int frame, Span<float> scores)
    {
        var row = emissions.Row(frame);
        row.CopyTo(scores);
        var silence = row[blankId];
        if (delimiterId is { } delimiter) silence = Math.Max(silence, row[delimiter]);
        var best = float.NegativeInfinity;
        foreach (var x in row) best = Math.Max(best, x);
        // A letter the model fires outside any line costs the penalty: cheap enough that stray letters in an
        // instrumental stay in the gap, dear enough that a sung line is not swallowed by it.
        scores[GapColumn] = Math.Max(Math.Max(silence, best - gap.Penalty), gap.Floor);
    }
}
