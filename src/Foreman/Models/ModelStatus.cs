namespace Foreman.Models;

/// <summary>What is known of one model: its state and the timings and errors of its last load.</summary>
/// <param name="Failures">Failed loads in a row (0 once a load succeeds).</param>
/// <param name="NextLoadAt">While failed: the end of its quarantine, when it may be loaded again.</param>
/// <param name="FailurePermanent">The last failure lies in the model's files, so its jobs fail instead of waiting.</param>
public sealed record ModelStatus(
    string Name,
    ModelState State,
    string? Device = null,
    string? DeviceFallbackReason = null,
    double? LoadMilliseconds = null,
    double? WarmupMilliseconds = null,
    string? LastError = null,
    DateTimeOffset? ReadySince = null,
    bool EverReady = false,
    int Failures = 0,
    DateTimeOffset? NextLoadAt = null,
    bool FailurePermanent = false);
