using Foreman.Queue;

namespace Foreman.Contracts;

/// <summary>A job as the API shows it (and as a webhook delivers it). <c>Url</c> is where to poll it.</summary>
public sealed record JobResponse(
    string Id,
    string Url,
    string State,
    string Model,
    string Format,
    long Attempt,
    long MaxAttempts,
    long? Position,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? Deadline,
    string? LastError,
    string? ResultUrl,
    IReadOnlyList<JobEventResponse>? Events);

/// <summary>One step of a job's history.</summary>
public sealed record JobEventResponse(string State, DateTimeOffset At, long Attempt, string? Error);

/// <summary>A page of jobs; pass <c>next_after</c> as <c>after</c> for the next page.</summary>
public sealed record JobPage(IReadOnlyList<JobResponse> Jobs, string? NextAfter);

internal static class JobResponses
{
    public static JobResponse ToResponse(this JobRecord job, long? position = null, IReadOnlyList<JobEvent>? events = null) => new(
        job.Id,
        UrlOf(job.Id),
        job.State,
        job.Model,
        job.Format,
        job.Attempt,
        job.MaxAttempts,
        position,
        Time(job.CreatedAt),
        job.StartedAt is { } started ? Time(started) : null,
        job.FinishedAt is { } finished ? Time(finished) : null,
        job.DeadlineAt is { } deadline ? Time(deadline) : null,
        job.LastError,
        job.JobState == JobState.Done ? ResultUrlOf(job.Id) : null,
        events?.Select(e => new JobEventResponse(e.State, Time(e.At), e.Attempt, e.Error)).ToList());

    /// <summary>The job's own URL, relative to the server: <c>/api/v1/jobs/{id}</c>.</summary>
    public static string UrlOf(string id) => $"/api/v1/jobs/{id}";

    public static string ResultUrlOf(string id) => $"/api/v1/jobs/{id}/result";

    public static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
}
