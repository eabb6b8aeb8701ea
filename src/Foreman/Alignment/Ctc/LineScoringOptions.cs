namespace Foreman.Alignment.Ctc;

/// <summary>
/// How frames are scored around lines: the gap state between lines, and the charges that keep a line from
/// wandering into music. Log-probability units (nats). Defaults were chosen on the aggregate figures of the
/// public bench (shared/bench/songs), not per song.
/// </summary>
public sealed record LineScoringOptions
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

    /// <summary>
    /// The share of a file's frames, quietest first (by <see cref="LoudnessRank"/>), where lines are charged
    /// for sitting: the voice is the loudest part of a produced mix, so its quietest part is mostly intro, breaks and
    /// outro, which a model that mistakes instruments for letters would otherwise fill with lines. 0 turns it off.
    /// </summary>
    public double QuietShare { get; init; } = 0.3;

    /// <summary>
    /// Charged per line frame at the quietest frame of a file, falling linearly to nothing at <see cref="QuietShare"/>:
    /// strong enough that a line leaves an unsung intro, soft enough that a quiet sung verse keeps its lines.
    /// </summary>
    public float QuietLinePenalty { get; init; } = 1f;

    /// <summary>
    /// How long loudness is averaged over before ranking, as two halves, before and after each frame (the louder
    /// counts): a word's gaps and consonants are not breaks, and a line's first frames rank with the singing they start.
    /// </summary>
    public double LoudnessWindowSeconds { get; init; } = 1.0;

    /// <summary>Whether lines are charged for quiet frames at all.</summary>
    public bool ChargesQuietFrames => QuietShare > 0 && QuietLinePenalty > 0;

    /// <summary>The charge per line frame for a frame whose loudness ranks at <paramref name="rank"/> (0 quietest, 1 loudest).</summary>
    public float QuietCharge(float rank) =>
        ChargesQuietFrames ? QuietLinePenalty * (float)Math.Max(0, (QuietShare - rank) / QuietShare) : 0;

    /// <summary>
    /// The same scoring with one charge halved or doubled, for each charge in use: the alternatives whose agreement
    /// is a line's confidence (<see cref="LineConfidence"/>).
    /// </summary>
    public IEnumerable<LineScoringOptions> Neighbours()
    {
        foreach (var factor in new[] { 0.5f, 2f })
        {
            if (StrayLetterPenalty > 0) yield return this with { StrayLetterPenalty = StrayLetterPenalty * factor };
            if (OnsetBlankPenalty > 0) yield return this with { OnsetBlankPenalty = OnsetBlankPenalty * factor };
            if (LineBlankPenalty > 0) yield return this with { LineBlankPenalty = LineBlankPenalty * factor };
            if (LongBreakPenalty > 0) yield return this with { LongBreakPenalty = LongBreakPenalty * factor };
            if (ChargesQuietFrames) yield return this with { QuietLinePenalty = QuietLinePenalty * factor };
        }
    }

    public LineScoringOptions Validate()
    {
        var errors = new List<string>();
        if (!(StrayLetterPenalty >= 0)) errors.Add($"StrayLetterPenalty must be 0 or more (got {StrayLetterPenalty})");
        if (!(OnsetBlankPenalty >= 0)) errors.Add($"OnsetBlankPenalty must be 0 or more (got {OnsetBlankPenalty})");
        if (!(LineBlankPenalty >= 0)) errors.Add($"LineBlankPenalty must be 0 or more (got {LineBlankPenalty})");
        if (!(FreeBreakSeconds > 0)) errors.Add($"FreeBreakSeconds must be positive (got {FreeBreakSeconds})");
        if (!(LongBreakPenalty >= 0)) errors.Add($"LongBreakPenalty must be 0 or more (got {LongBreakPenalty})");
        if (!(QuietShare is >= 0 and < 1)) errors.Add($"QuietShare must be at least 0 and below 1 (got {QuietShare})");
        if (!(QuietLinePenalty >= 0)) errors.Add($"QuietLinePenalty must be 0 or more (got {QuietLinePenalty})");
        if (!(LoudnessWindowSeconds > 0)) errors.Add($"LoudnessWindowSeconds must be positive (got {LoudnessWindowSeconds})");
        if (errors.Count > 0) throw new ArgumentException("invalid line scoring options: " + string.Join("; ", errors));
        return this;
    }
}
