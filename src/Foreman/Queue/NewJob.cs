namespace Foreman.Queue;

/// <summary>What a submit stores: the job as accepted, before any work.</summary>
public sealed record NewJob(
    string Id,
    string Model,
    string Format,
    string? AudioPath,
    string? AudioUrl,
    string Lyrics,
    string? IdempotencyKey,
    TimeSpan? KeepAlive,
    int MaxAttempts,
    DateTimeOffset? Deadline,
    string? Language = null,
    string? CallbackUrl = null);
