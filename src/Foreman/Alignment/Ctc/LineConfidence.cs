namespace Foreman.Alignment.Ctc;

/// <summary>
/// A line's confidence: how well two checks agree with where the chosen alignment starts it. Each check agrees fully at
/// the same frame, half at the tolerance, and falling with the square of the offset beyond, so a start a few frames off
/// weighs almost fully and one seconds away next to nothing (a hard cut at the tolerance would rate both alike).
/// <list type="bullet">
/// <item>Alternatives: where the model hears a line clearly, reasonable variations of the scoring all put it in the same
/// place; where it hears little (an instrumental it mistakes for letters, a mumbled verse), the charges decide its place,
/// and alignments that weigh them differently disagree. The mean agreement, cubed: the chance that
/// <see cref="Draws"/> alternatives drawn at random all agree.</item>
/// <item>The start's posterior (<see cref="LineStartPosterior"/>): the agreement expected over every path, weighted by
/// its probability. It sees a drift every alternative shares, where a path placing the line elsewhere loses by a
/// hair.</item>
/// </list>
/// The two multiply: a line must pass both. On songs with human timings this separates well-placed from misplaced
/// lines where the mean posterior of a line's frames does not (a model that fires letters in instrumentals is as sure
/// of a misplaced line as of a good one).
/// </summary>
/// <remarks>A line that is not sung at all is squeezed into the same few frames by every path, so neither check catches it.</remarks>
public static class LineConfidence
{
    /// <summary>How many alternatives drawn at random must all agree.</summary>
    public const int Draws = 3;

    /// <summary>
    /// <paramref name="chosen"/> with each line's confidence replaced by its agreement with <paramref name="alternatives"/>
    /// (the mean over them of <see cref="Agreement"/>, to the power <see cref="Draws"/>; 1 when there are none) times
    /// <paramref name="startPosterior"/>.
    /// </summary>
    /// <param name="alternatives">Other alignments of the same lines (one span per line each).</param>
    /// <param name="startPosterior">Per line, the agreement of its start expected under the posterior (<see cref="LineStartPosterior"/>).</param>
    /// <param name="toleranceFrames">The offset at which an alternative agrees half; 0 counts only alternatives on the same frame.</param>
    public static LineSpan[] Of(IReadOnlyList<LineSpan> chosen, IReadOnlyList<IReadOnlyList<LineSpan>> alternatives, IReadOnlyList<double> startPosterior,
        int toleranceFrames)
    {
        var spans = new LineSpan[chosen.Count];
        for (var line = 0; line < chosen.Count; line++)
        {
            var start = chosen[line].Line.First;
            var agreement = alternatives.Count == 0
                ? 1
                : Math.Pow(alternatives.Average(alternative => Agreement(alternative[line].Line.First - start, toleranceFrames)), Draws);
            spans[line] = chosen[line] with { Line = chosen[line].Line with { Confidence = agreement * startPosterior[line] } };
        }
        return spans;
    }

    /// <summary>How much a start <paramref name="offsetFrames"/> from the chosen one agrees with it: 1 / (1 + (offset / tolerance)²).</summary>
    public static double Agreement(int offsetFrames, int toleranceFrames) =>
        toleranceFrames == 0 ? (offsetFrames == 0 ? 1 : 0) : 1 / (1 + Math.Pow((double)offsetFrames / toleranceFrames, 2));
}
