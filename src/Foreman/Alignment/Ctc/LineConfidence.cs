namespace Foreman.Alignment.Ctc;

/// <summary>
/// A line's confidence from agreement between alignments. Where the model hears a line clearly, reasonable variations
/// of the scoring all put it in the same place; where it hears little (an instrumental it mistakes for letters, a
/// mumbled verse), the charges decide its place, and alignments that weigh them differently disagree. The confidence
/// is the share of alternative alignments that start the line within a tolerance of the chosen start. On songs with
/// human timings it separates well-placed from misplaced lines where the mean posterior of a line's frames does not
/// (a model that fires letters in instrumentals is as sure of a misplaced line as of a good one).
/// </summary>
/// <remarks>
/// A line that is not sung at all is squeezed into the same few frames by every alternative, so agreement does not
/// catch it.
/// </remarks>
public static class LineConfidence
{
    /// <summary>How many alternatives drawn at random must all agree.</summary>
    public const int Draws = 3;

    /// <summary><paramref name="chosen"/> with each line's confidence replaced by its agreement with <paramref name="alternatives"/>: the agreeing share to the power <see cref="Draws"/>.</summary>
    /// <param name="alternatives">Other alignments of the same lines (one span per line each); none leaves <paramref name="chosen"/> as it is.</param>
    public static LineSpan[] FromAgreement(IReadOnlyList<LineSpan> chosen, IReadOnlyList<IReadOnlyList<LineSpan>> alternatives, int toleranceFrames)
    {
        if (alternatives.Count == 0) return [.. chosen];
        var spans = new LineSpan[chosen.Count];
        for (var line = 0; line < chosen.Count; line++)
        {
            var start = chosen[line].Line.First;
            var agreeing = alternatives.Count(alternative => Math.Abs(alternative[line].Line.First - start) <= toleranceFrames);
            spans[line] = chosen[line] with { Line = chosen[line].Line with { Confidence = Math.Pow((double)agreeing / alternatives.Count, Draws) } };
        }
        return spans;
    }
}
