namespace Foreman.Queue;

/// <summary>Wakes the idle worker when a job is submitted (here, or on another node: <see cref="PostgresQueueListener"/>), instead of making it poll tightly.</summary>
public sealed class QueueSignal
{
    /// <summary>
    /// The key of the second signal in the service: it wakes the input stage when a job with an <c>audio_url</c> was
    /// submitted or re-queued, so it fetches now rather than at its next poll.
    /// </summary>
    public const string AudioToFetch = "audio-to-fetch";

    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // Already signalled: one wake-up covers every job submitted meanwhile. Checked first, because a busy queue
        // notifies thousands of times a second and a thrown SemaphoreFullException costs more than a submit.
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // another notifier released it between the check and here
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
