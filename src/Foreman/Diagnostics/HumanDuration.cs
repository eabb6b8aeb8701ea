namespace Foreman.Diagnostics;

/// <summary>A duration as people read it in an error message or a log line.</summary>
public static class HumanDuration
{
    /// <summary>"75 min 30 s", "60 min", "4.2 s".</summary>
    public static string Describe(TimeSpan duration)
    {
        if (duration.TotalMinutes < 1) return $"{duration.TotalSeconds:0.#} s";
        var minutes = $"{Math.Floor(duration.TotalMinutes):0} min";
        return duration.Seconds == 0 ? minutes : $"{minutes} {duration.Seconds} s";
    }
}
