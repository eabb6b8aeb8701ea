namespace Foreman.Queue;

/// <summary>
/// The closed set of states a job passes through. The SQL CHECK on <c>jobs.state</c> lists the same names.
/// </summary>
public enum JobState
{
    /// <summary>Waiting for the worker. Entered on submit, on a retry, and when a crashed worker's job is rescued.</summary>
    Queued,
    /// <summary>Claimed while the worker loads the job's model (only when that model was not resident).</summary>
    Loading,
    /// <summary>Claimed and running: input decoding and inference.</summary>
    Working,
    /// <summary>Terminal: the alignment is stored.</summary>
    Done,
    /// <summary>Terminal: a permanent error, or a transient one after the last attempt; <c>last_error</c> says which.</summary>
    Failed,
    /// <summary>Terminal: cancelled by a user while still queued.</summary>
    Cancelled,
}

public static class JobStates
{
    /// <summary>The state's name as stored and shown: lower case.</summary>
    public static string Name(this JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Loading => "loading",
        JobState.Working => "working",
        JobState.Done => "done",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static bool TryParse(string? name, out JobState state)
    {
        foreach (var candidate in Enum.GetValues<JobState>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }

    public static JobState Parse(string name) =>
        TryParse(name, out var state) ? state : throw new InvalidDataException($"unknown job state '{name}'");

    public static bool IsTerminal(this JobState state) => state is JobState.Done or JobState.Failed or JobState.Cancelled;

    public static bool IsRunning(this JobState state) => state is JobState.Loading or JobState.Working;
}
