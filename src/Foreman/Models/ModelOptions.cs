using System.ComponentModel.DataAnnotations;

namespace Foreman.Models;

/// <summary>Model lifecycle settings (section <c>Foreman:Models</c>).</summary>
public sealed class ModelOptions
{
    public const string Section = "Foreman:Models";

    /// <summary>Load the default model in the background at start, so the first job does not pay for it.</summary>
    public bool EagerLoadDefault { get; set; } = true;

    /// <summary>Session creation that takes longer than this is abandoned and the model marked failed (warm-up after it is not bounded).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>1: session created and validated; 2: plus one inference of <see cref="WarmupSeconds"/>; 3: plus inferences of growing length.</summary>
    [Range(1, 3)] public int WarmupLevel { get; set; } = 2;

    /// <summary>Length of the generated audio of a level-2 warm-up; level 3 also runs 2× and 4× this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan WarmupSeconds { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a failed load the model is quarantined this long before it is loaded again (doubling with each failure in a
    /// row, up to <see cref="LoadRetryMaxDelay"/>): its jobs do not evict the resident model meanwhile, and a failed
    /// default model is retried in the background on this schedule.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")] public TimeSpan LoadRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest quarantine between two loads of a failing model.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")] public TimeSpan LoadRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
