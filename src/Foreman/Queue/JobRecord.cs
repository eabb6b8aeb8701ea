namespace Foreman.Queue;

/// <summary>One row of <c>jobs</c>, as stored. Times are Unix milliseconds.</summary>
public sealed class JobRecord
{
    public required string Id { get; init; }
    public required string State { get; init; }
    public required string Model { get; init; }
    public required string Format { get; init; }
    public string? AudioPath { get; init; }
    public string? AudioUrl { get; init; }
    public required string Lyrics { get; init; }
    /// <summary>ISO 639-1 code of the lyrics (given or guessed at submit); null for jobs stored before languages existed.</summary>
    public string? Language { get; init; }
    public string? IdempotencyKey { get; init; }
    public long? KeepAliveMs { get; init; }
    public long Attempt { get; init; }
    public long Events { get; init; }
    public long MaxAttempts { get; init; }
    public long CreatedAt { get; init; }
    public long NotBefore { get; init; }
    public long? DeadlineAt { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? LeaseOwner { get; init; }
    public long? LeaseExpiresAt { get; init; }
    public string? LastError { get; init; }
    public string? ResultJson { get; init; }
    /// <summary>Where the finished job is POSTed (a signed webhook), or null.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>Attempts cut by the process dying, counted when the job was taken back.</summary>
    public long Crashes { get; init; }

    public JobState JobState => JobStates.Parse(State);
}

/// <summary>One entry of a job's history (<c>job_events</c>).</summary>
public sealed class JobEvent
{
    /// <summary>1, 2, ... within the job.</summary>
    public long Seq { get; init; }
    public required string JobId { get; init; }
    public required string State { get; init; }
    public long At { get; init; }
    public long Attempt { get; init; }
    public string? Error { get; init; }
}
