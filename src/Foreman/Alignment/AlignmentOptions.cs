using Foreman.Alignment.Ctc;

namespace Foreman.Alignment;

/// <summary>How lyrics are aligned to emissions and how frames become seconds.</summary>
public sealed class AlignmentOptions
{
    public const string Section = "Alignment";

    /// <summary>How frames are scored between and inside lines.</summary>
    public LineScoringOptions Scoring { get; init; } = new();

    /// <summary>
    /// Most memory the Viterbi back-pointers may hold at once. Songs fit whole; longer audio with long lyrics
    /// (an hour with 8,000 words needs gigabytes in one piece) is traced back in checkpointed segments instead.
    /// </summary>
    public long BackpointerBudgetBytes { get; init; } = 256L << 20;

    /// <summary>
    /// A token whose first frame is f starts at (f + this) frames. The model card's −10 ms at a 20 ms stride:
    /// measured on the bench, it removes the onset bias.
    /// </summary>
    public double StartOffsetFrames { get; init; } = -0.5;

    /// <summary>A token whose last frame is e ends at (e + this) frames (model card: +22.5 ms at 20 ms).</summary>
    public double EndOffsetFrames { get; init; } = 1.125;

    public AlignmentOptions Validate()
    {
        Scoring.Validate();
        var errors = new List<string>();
        if (BackpointerBudgetBytes < 1 << 20) errors.Add($"BackpointerBudgetBytes must be at least 1 MiB (got {BackpointerBudgetBytes})");
        if (!double.IsFinite(StartOffsetFrames)) errors.Add("StartOffsetFrames must be finite");
        if (!double.IsFinite(EndOffsetFrames)) errors.Add("EndOffsetFrames must be finite");
        if (errors.Count > 0) throw new ArgumentException("invalid alignment options: " + string.Join("; ", errors));
        return this;
    }
}
