using System.ComponentModel.DataAnnotations;
using Foreman.Queue;

namespace Foreman.Retention;

/// <summary>How long finished jobs stay in the database, and how the purger deletes them (section <c>Foreman:Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Foreman:Retention";

    /// <summary>A done job (row, result, history) is deleted this long after it finished; zero keeps done jobs forever.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")] public TimeSpan Done { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A failed job (row, history, upload) is deleted this long after it failed; zero keeps failed jobs forever.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")] public TimeSpan Failed { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A cancelled job (row, history, upload) is deleted this long after it was cancelled; zero keeps them forever.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")] public TimeSpan Cancelled { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Time between purge passes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")] public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Jobs deleted per transaction: small, so the worker and submits never wait long for the database.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 50;

    /// <summary>Pause between two full batches of a pass, in which the worker and the API have the database to themselves.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")] public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long jobs that finished in <paramref name="state"/> are kept; null when forever (zero, or not a finished state).</summary>
    public TimeSpan? KeepFor(JobState state) => state switch
    {
        JobState.Done => Positive(Done),
        JobState.Failed => Positive(Failed),
        JobState.Cancelled => Positive(Cancelled),
        _ => null,
    };

    private static TimeSpan? Positive(TimeSpan keep) => keep > TimeSpan.Zero ? keep : null;
}
