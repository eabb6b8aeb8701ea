namespace Foreman.Queue;

/// <summary>Wakes the idle worker when a job is submitted (here, or on another node: <see cref="PostgresQueueListener"/>), instead of making it poll tightly.</summary>
public sealed class QueueSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up covers every job submitted meanwhile
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
