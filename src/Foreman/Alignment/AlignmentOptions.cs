using System.ComponentModel.DataAnnotations;
using Foreman.Alignment.Ctc;

namespace Foreman.Alignment;

/// <summary>How lyrics are aligned to emissions and how frames become seconds.</summary>
public sealed class AlignmentOptions : IValidatableObject
{
    public const string Section = "Foreman:Alignment";

    /// <summary>Narrower bands lose the best path too easily to be worth their speed.</summary>
    public const int MinimumBandStates = 64;

    /// <summary>How frames are scored between and inside lines.</summary>
    public LineScoringOptions Scoring { get; init; } = new();

    /// <summary>
    /// Most memory the Viterbi back-pointers may hold at once. Songs fit whole; longer audio with long lyrics
    /// (an hour with 8,000 words needs gigabytes in one piece) is traced back in checkpointed segments instead.
    /// </summary>
    public long BackpointerBudgetBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Lattices of at most this many cells (frames × graph states) are searched exactly. A four-minute song with 400
    /// words has about 54 million; an hour with 8,000 words, 16 billion, which the exact search takes minutes over.
    /// </summary>
    public long ExactSearchCells { get; init; } = 1L << 28;

    /// <summary>
    /// Beyond <see cref="ExactSearchCells"/>, the most graph states the search visits per frame, in a band around the
    /// frame's best state, then around the path found (a graph holds about 12 states per word): the cost per frame
    /// stays that of a song. Every bench song keeps its exact path with a band of 256.
    /// </summary>
    public int SearchBandStates { get; init; } = 2048;

    public SearchLimits ToSearchLimits() => new(BackpointerBudgetBytes, ExactSearchCells, SearchBandStates);

    /// <summary>
    /// A token whose first frame is f starts at (f + this) frames. The model card's −10 ms at a 20 ms stride:
    /// measured on the bench, it removes the onset bias.
    /// </summary>
    public double StartOffsetFrames { get; init; } = -0.5;

    /// <summary>A token whose last frame is e ends at (e + this) frames (model card: +22.5 ms at 20 ms).</summary>
    public double EndOffsetFrames { get; init; } = 1.125;

    /// <summary>
    /// Whether a line's confidence is its agreement with alternative alignments and with its start's posterior
    /// (<see cref="LineConfidence"/>: ten alignments, each with one scoring charge halved or doubled, agreeing by how
    /// close they start the line, the mean cubed; times the agreement expected over every path, weighted by its
    /// probability) rather than the mean posterior of its frames. The alternatives and the posterior run in parallel, one
    /// per core, sharing <see cref="BackpointerBudgetBytes"/>; they cost about eleven alignments' CPU time, so audio beyond
    /// <see cref="ExactSearchCells"/> (hours with thousands of words) gets the posterior's agreement alone.
    /// </summary>
    public bool ConfidenceFromAgreement { get; init; } = true;

    /// <summary>The start offset at which an alternative alignment agrees half (<see cref="LineConfidence"/>): about what a listener notices.</summary>
    public double ConfidenceToleranceSeconds { get; init; } = 0.3;

    /// <summary>
    /// How far from its chosen place the start posterior lets a line go (<see cref="LineStartPosterior"/>): the
    /// posterior is taken over the paths that keep every line within it, so a narrow window overstates confidence, and
    /// the cost grows with it (20 s: 0.1–0.2 s of one core for a four-minute song, and the same as no window on the
    /// real songs measured). At most a minute: an hour of audio holds two tracks of about (line + 2 × window) frames
    /// per line.
    /// </summary>
    public double ConfidenceWindowSeconds { get; init; } = 20;

    public AlignmentOptions Validate()
    {
        Scoring.Validate();
        var errors = new List<string>();
        if (BackpointerBudgetBytes < 1 << 20) errors.Add($"BackpointerBudgetBytes must be at least 1 MiB (got {BackpointerBudgetBytes})");
        if (ExactSearchCells < 0) errors.Add($"ExactSearchCells must be 0 or more (got {ExactSearchCells})");
        if (SearchBandStates < MinimumBandStates) errors.Add($"SearchBandStates must be at least {MinimumBandStates} (got {SearchBandStates})");
        if (!double.IsFinite(StartOffsetFrames)) errors.Add("StartOffsetFrames must be finite");
        if (!double.IsFinite(EndOffsetFrames)) errors.Add("EndOffsetFrames must be finite");
        if (!(ConfidenceToleranceSeconds >= 0)) errors.Add($"ConfidenceToleranceSeconds must be 0 or more (got {ConfidenceToleranceSeconds})");
        if (!(ConfidenceWindowSeconds is > 0 and <= 60)) errors.Add($"ConfidenceWindowSeconds must be above 0 and at most 60 (got {ConfidenceWindowSeconds})");
        if (errors.Count > 0) throw new ArgumentException("invalid alignment options: " + string.Join("; ", errors));
        return this;
    }

    /// <summary>The same checks for the options pattern's start-up validation (<c>ValidateDataAnnotations</c>).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        string? error = null;
        try { Validate(); }
        catch (ArgumentException e) { error = e.Message; }
        if (error is not null) yield return new ValidationResult(error);
    }
}
