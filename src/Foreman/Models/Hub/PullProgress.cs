namespace Foreman.Models.Hub;

/// <summary>Where a pull is: pulling → verifying → ready, or failed.</summary>
public enum PullState
{
    /// <summary>Downloading files into the staging folder.</summary>
    Pulling,
    /// <summary>Checking sizes and hashes, then loading the model once to prove it runs.</summary>
    Verifying,
    /// <summary>In place in the models directory and usable by name.</summary>
    Ready,
    /// <summary>Stopped; the error says why, and nothing was installed.</summary>
    Failed,
}

internal static class PullStates
{
    public static string Name(this PullState state) => state switch
    {
        PullState.Pulling => "pulling",
        PullState.Verifying => "verifying",
        PullState.Ready => "ready",
        PullState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}

/// <summary>A pull's progress: bytes on disk across all its files, of the total the hub published (null when it did not).</summary>
public sealed record PullProgress(PullState State, long BytesDone, long? BytesTotal, string? File);

/// <summary>
/// What to pull and where: a hub revision's ONNX variant (<see cref="ModelVariants"/>) into a local model name, replacing an
/// existing model only when forced.
/// </summary>
public sealed record PullRequest(HubModelReference Source, string LocalName, bool Force, string Variant = ModelVariants.Default);
