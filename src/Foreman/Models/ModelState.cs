namespace Foreman.Models;

/// <summary>Where a model is in its lifecycle: unloaded → loading → warming_up → ready, or failed.</summary>
public enum ModelState
{
    /// <summary>On disk, not in memory.</summary>
    Unloaded,
    /// <summary>The inference session is being created and validated.</summary>
    Loading,
    /// <summary>Loaded; running warm-up inferences so the first job is not slow.</summary>
    WarmingUp,
    /// <summary>Resident and warm.</summary>
    Ready,
    /// <summary>The last load failed; <see cref="ModelStatus.LastError"/> says why. Quarantined until <see cref="ModelStatus.NextLoadAt"/>, then loaded again.</summary>
    Failed,
}

internal static class ModelStates
{
    public static string Name(this ModelState state) => state switch
    {
        ModelState.Unloaded => "unloaded",
        ModelState.Loading => "loading",
        ModelState.WarmingUp => "warming_up",
        ModelState.Ready => "ready",
        ModelState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
