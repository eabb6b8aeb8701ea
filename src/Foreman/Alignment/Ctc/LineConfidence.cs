namespace Foreman.Alignment.Ctc;

/// <summary>
/// A line's confidence from agreement between alignments. Where the model hears a line clearly, reasonable variations
/// of the scoring all put it in the same place; where it hears little (an instrumental it mistakes for letters, a
/// mumbled verse), the charges decide its place, and alignments that weigh them differently disagree. Each alternative
/// agrees by how close it starts the line to the chosen start: fully at the same frame, half at the tolerance, and
/// falling with the square of the offset beyond, so one a few frames off weighs almost fully and one seconds away next to
/// nothing (a hard cut at the tolerance would rate both kinds of disagreement alike). On songs with human
/// timings it separates well-placed from misplaced lines where the mean posterior of a line's frames does not (a model
/// that fires letters in instrumentals is as sure of a misplaced line as of a good one).
/// </summary>
/// <remarks>
/// A line that is not sung at all is squeezed into the same few frames by every alternative, so agreement does not
/// catch it; nor does it catch a drift that every alternative shares.
/// </remarks>
public static class LineConfidence
{
    /// <summary>How many alternatives drawn at random must all agree.</summary>
    public const int Draws = 3;

    /// <summary>
    /// <paramref name="chosen"/> with each line's confidence replaced by its agreement with <paramref name="alternatives"/>:
    /// the mean over them of 1 / (1 + (start offset / tolerance)²), to the power <see cref="Draws"/>.
    /// </summary>
    /// <param name="alternatives">Other alignments of the same lines (one span per line each); none leaves <paramref name="chosen"/> as it is.</param>
    /// <param name="toleranceFrames">The offset at which an alternative agrees half; 0 counts only alternatives on the same frame.</param>
    public static LineSpan[] FromAgreement(IReadOnlyList<LineSpan> chosen, IReadOnlyList<IReadOnlyList<LineSpan>> alternatives, int toleranceFrames)
    {
        if (alternatives.Count == 0) return [.. chosen];
        var spans = new LineSpan[chosen.Count];
        for (var line = 0; line < chosen.Count; line++)
        {
            var start = chosen[line].Line.First;
            var agreement = alternatives.Average(alternative => Agreement(Math.Abs(alternative[line].Line.First - start), toleranceFrames));
            spans[line] = chosen[line] with { Line = chosen[line].Line with { Confidence = Math.Pow(agreement, Draws) } };
        }
        return spans;
    }

    private static double Agreement(int offsetFrames, int toleranceFrames) =>
        toleranceFrames == 0 ? (offsetFrames == 0 ? 1 : 0) : 1 / (1 + Math.Pow((double)offsetFrames / toleranceFrames, 2));
}
