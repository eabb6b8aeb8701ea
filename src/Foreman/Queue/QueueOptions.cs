using System.ComponentModel.DataAnnotations;

namespace Foreman.Queue;

/// <summary>How the queue retries, leases and orders jobs (section <c>Foreman:Queue</c>).</summary>
public sealed class QueueOptions
{
    public const string Section = "Foreman:Queue";

    /// <summary>Attempts before a job that keeps failing transiently becomes <c>failed</c>.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 5;

    /// <summary>A job waiting longer than this runs next even if another model is resident, so no model starves.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan AgingLimit { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a claimed job stays owned without a heartbeat before another worker may take it back.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running job's lease is renewed; well under <see cref="LeaseDuration"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Backoff before the first retry; doubles each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest backoff between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An idle worker looks at the queue at least this often even without a wake-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")] public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
