namespace Foreman.Models;

/// <summary>What is known of one model: its state and the timings and errors of its last load.</summary>
public sealed record ModelStatus(
    string Name,
    ModelState State,
    string? Device = null,
    string? DeviceFallbackReason = null,
    double? LoadMilliseconds = null,
    double? WarmupMilliseconds = null,
    string? LastError = null,
    DateTimeOffset? ReadySince = null,
    bool EverReady = false);
