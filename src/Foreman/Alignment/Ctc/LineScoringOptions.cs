namespace Foreman.Alignment.Ctc;

/// <summary>
/// How frames are scored around lines: the gap state between lines, and the charges that keep a line from
/// wandering into music. Log-probability units (nats). Defaults were chosen on the aggregate figures of the
/// public bench (shared/bench/songs), not per song.
/// </summary>
public sealed class LineScoringOptions
{
    /// <summary>
    /// The gap scores a frame as the better of blank/delimiter and the frame's best token less this: stray letters
    /// the model fires in an instrumental then stay in the gap instead of pulling a line into it.
    /// </summary>
    public float StrayLetterPenalty { get; init; } = 4f;

    /// <summary>
    /// Charged per blank frame in a line's first word. CTC blanks are free, so without it a line can start on a
    /// stray letter seconds early and idle in blanks up to the real onset; with it, that silence goes to the gap.
    /// </summary>
    public float OnsetBlankPenalty { get; init; } = 0.2f;

    /// <summary>
    /// Charged per blank frame in the rest of a line: enough that a line does not stretch over a break, light enough
    /// that held notes and slow singing (long blank runs between a word's letters) are not squeezed late.
    /// </summary>
    public float LineBlankPenalty { get; init; } = 0.06f;

    /// <summary>How long a gap between two lines is free: longer than most pauses between sung lines.</summary>
    public double FreeBreakSeconds { get; init; } = 2.0;

    /// <summary>
    /// Charged per gap frame between two lines beyond <see cref="FreeBreakSeconds"/>, so a line the model hears
    /// poorly is not squeezed away while a long stretch of it is left to the gap. Intros and outros are free.
    /// </summary>
    public float LongBreakPenalty { get; init; } = 0.1f;

    public LineScoringOptions Validate()
    {
        var errors = new List<string>();
        if (!(StrayLetterPenalty >= 0)) errors.Add($"StrayLetterPenalty must be 0 or more (got {StrayLetterPenalty})");
        if (!(OnsetBlankPenalty >= 0)) errors.Add($"OnsetBlankPenalty must be 0 or more (got {OnsetBlankPenalty})");
        if (!(LineBlankPenalty >= 0)) errors.Add($"LineBlankPenalty must be 0 or more (got {LineBlankPenalty})");
        if (!(FreeBreakSeconds > 0)) errors.Add($"FreeBreakSeconds must be positive (got {FreeBreakSeconds})");
        if (!(LongBreakPenalty >= 0)) errors.Add($"LongBreakPenalty must be 0 or more (got {LongBreakPenalty})");
        if (errors.Count > 0) throw new ArgumentException("invalid line scoring options: " + string.Join("; ", errors));
        return this;
    }
}
