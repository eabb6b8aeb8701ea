namespace Foreman.Alignment.Ctc;

/// <summary>How the state between lines scores a frame: log-posteriors, nats.</summary>
public sealed class GapOptions
{
    /// <summary>Subtracted from the frame's best token score when that beats blank and delimiter.</summary>
    public float Penalty { get; init; } = 1.0f;

    /// <summary>The gap never scores below this, so no frame is forced into a line for lack of an alternative.</summary>
    public float Floor { get; init; } = -6f;

    public GapOptions Validate()
    {
        var errors = new List<string>();
        if (!(Penalty >= 0)) errors.Add($"Penalty must be 0 or more (got {Penalty})");
        if (!(Floor <= 0)) errors.Add($"Floor must be a log-probability, 0 or less (got {Floor})");
        if (errors.Count > 0) throw new ArgumentException("invalid gap options: " + string.Join("; ", errors));
        return this;
    }
}
