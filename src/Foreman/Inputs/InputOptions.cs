using System.ComponentModel.DataAnnotations;

namespace Foreman.Inputs;

/// <summary>How the input stage fetches, checks and prefetches audio (section <c>Foreman:Inputs</c>).</summary>
public sealed class InputOptions
{
    public const string Section = "Foreman:Inputs";

    /// <summary>Longest audio accepted: uploads over it get 422 at submit, fetched audio fails its job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Largest download from an <c>audio_url</c>; the same default as <c>Foreman:Api:MaxUploadBytes</c>.</summary>
    [Range(1, long.MaxValue)] public long MaxDownloadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Retries of a download inside one fetch (throttling, 5xx, timeouts); after them the input stage backs the job's fetch off.</summary>
    [Range(0, 10)] public int FetchRetries { get; set; } = 3;

    /// <summary>Delay before the first download retry; doubles each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan FetchRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest one download try may take, headers to last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")] public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest ffprobe may look at a file before it is called undecodable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Downloads of <c>audio_url</c>s the input stage runs at once, ahead of the worker.</summary>
    [Range(1, 64)] public int FetchConcurrency { get; set; } = 4;

    /// <summary>Queued jobs whose audio is fetched and decoded ahead of the worker; each holds its decoded samples in memory. 0 turns prefetch off.</summary>
    [Range(0, 16)] public int Prefetch { get; set; } = 2;

    /// <summary>How often the uploads directory is swept of stale <c>.partial</c> files and audio without a job (also at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an upload file must be untouched before a sweep may remove it (when no job points at it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")] public TimeSpan SweepGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the prefetcher and the input stage look at the queue besides being woken (backoffs, other nodes' submits).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan PrefetchPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
