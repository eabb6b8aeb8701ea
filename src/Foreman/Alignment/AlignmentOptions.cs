using Foreman.Alignment.Ctc;

namespace Foreman.Alignment;

/// <summary>How lyrics are aligned to emissions and how frames become seconds.</summary>
public sealed class AlignmentOptions
{
    /// <summary>How frames are scored between and inside lines.</summary>
    public LineScoringOptions Scoring { get; init; } = new();

    /// <summary>
    /// Viterbi beam, nats: states further below the frame's best are pruned, which bounds memory and time on
    /// long audio. Infinite gives the exact path.
    /// </summary>
    public double Beam { get; init; } = 200;

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
        if (!(Beam > 0)) errors.Add($"Beam must be positive (got {Beam})");
        if (!double.IsFinite(StartOffsetFrames)) errors.Add("StartOffsetFrames must be finite");
        if (!double.IsFinite(EndOffsetFrames)) errors.Add("EndOffsetFrames must be finite");
        if (errors.Count > 0) throw new ArgumentException("invalid alignment options: " + string.Join("; ", errors));
        return this;
    }
}
