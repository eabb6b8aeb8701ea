using System.Runtime.CompilerServices;
using Foreman.Emissions;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// Turns one frame of emissions into the scores graph states read: the vocabulary's log posteriors, plus a gap
/// column for the states between lines (anything that is not lyrics: silence, instrumental, stray letters) and two
/// penalized blank columns for blanks inside lines (a line's first word, and the rest). With loudness ranks, every
/// column but the gap is charged <see cref="LineScoringOptions.QuietCharge"/> on quiet frames: lines there cost more,
/// the gap does not.
/// </summary>
/// <param name="loudnessRanks">Each frame's <see cref="LoudnessRank"/>; null for no quiet charge.</param>
public sealed class FrameScorer(EmissionMatrix emissions, int blankId, int? delimiterId, LineScoringOptions options, float[]? loudnessRanks = null)
{
    /// <summary>The column of the gap score, just past the vocabulary.</summary>
    public int GapColumn => emissions.Width;

    /// <summary>The column of a blank inside a line: the blank score less <see cref="LineScoringOptions.LineBlankPenalty"/>.</summary>
    public int LineBlankColumn => emissions.Width + 1;

    /// <summary>The column of a blank in a line's first word: the blank score less <see cref="LineScoringOptions.OnsetBlankPenalty"/>.</summary>
    public int OnsetBlankColumn => emissions.Width + 2;

    /// <summary>Width of a score row.</summary>
    public int Width => emissions.Width + 3;

    public int Frames => emissions.Frames;

    // Runs per frame or per sample: optimized from the first call, since `foreman align` ends before tiering would.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(int frame, Span<float> scores)
    {
        var row = emissions.Row(frame);
        row.CopyTo(scores);
        var silence = row[blankId];
        if (delimiterId is { } delimiter) silence = Math.Max(silence, row[delimiter]);
        var best = float.NegativeInfinity;
        foreach (var x in row) best = Math.Max(best, x);
        scores[GapColumn] = Math.Max(silence, best - options.StrayLetterPenalty);
        scores[LineBlankColumn] = row[blankId] - options.LineBlankPenalty;
        scores[OnsetBlankColumn] = row[blankId] - options.OnsetBlankPenalty;
        if (loudnessRanks is null) return;
        var charge = options.QuietCharge(loudnessRanks[frame]);
        if (charge == 0) return;
        for (var column = 0; column < Width; column++)
            if (column != GapColumn) scores[column] -= charge;
    }
}
