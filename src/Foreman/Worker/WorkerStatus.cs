namespace Foreman.Worker;

/// <summary>What the worker is doing now, and when it last showed it is alive; read by health checks.</summary>
public sealed class WorkerStatus(TimeProvider time)
{
    private readonly Lock _gate = new();

    public string State { get; private set; } = "starting";

    public string? CurrentJobId { get; private set; }

    public DateTimeOffset Since { get; private set; } = time.GetUtcNow();

    public DateTimeOffset? LastHeartbeat { get; private set; }

    public void Working(string jobId) => Set("working", jobId);

    public void Idle() => Set("idle", null);

    public void Stopped() => Set("stopped", null);

    /// <summary>Why the worker's last look at its queue failed (a full disk, a database outage); null once one succeeds.</summary>
    public string? LastError { get; private set; }

    /// <summary>The worker is alive and its queue answers.</summary>
    public void Beat()
    {
        lock (_gate)
        {
            LastHeartbeat = time.GetUtcNow();
            LastError = null;
        }
    }

    /// <summary>The worker is alive, but its last look at the queue failed: readiness names this cause, not a stall.</summary>
    public void Faulted(string error)
    {
        lock (_gate)
        {
            LastHeartbeat = time.GetUtcNow();
            LastError = error;
        }
    }

    private void Set(string state, string? jobId)
    {
        lock (_gate)
        {
            State = state;
            CurrentJobId = jobId;
            var now = time.GetUtcNow();
            Since = now;
            LastHeartbeat = now;
        }
    }
}
