namespace Foreman.Queue;

/// <summary>
/// Wakes sync callers when their job reaches a terminal state, so they need not poll the database often.
/// Callers register before they read the job's state, so a completion between the two cannot be missed, and dispose
/// the registration when they stop waiting, so nothing is left behind for jobs that finish while nobody waits.
/// </summary>
public sealed class JobCompletions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Waiter> _waiters = new(StringComparer.Ordinal);

    public Registration Register(string jobId)
    {
        lock (_gate)
        {
            if (!_waiters.TryGetValue(jobId, out var waiter)) _waiters[jobId] = waiter = new Waiter();
            waiter.Count++;
            return new Registration(this, jobId, waiter);
        }
    }

    public void Notify(string jobId)
    {
        Waiter? waiter;
        lock (_gate)
        {
            if (!_waiters.Remove(jobId, out waiter)) return;
        }
        waiter.Finished.TrySetResult();
    }

    /// <summary>Waiting jobs, for tests: zero once every caller has stopped waiting.</summary>
    internal int Pending { get { lock (_gate) return _waiters.Count; } }

    private void Unregister(string jobId, Waiter waiter)
    {
        lock (_gate)
        {
            if (--waiter.Count == 0 && _waiters.TryGetValue(jobId, out var current) && current == waiter) _waiters.Remove(jobId);
        }
    }

    /// <summary>One caller's wait for one job.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly JobCompletions _owner;
        private readonly string _jobId;
        private readonly Waiter _waiter;
        private bool _disposed;

        internal Registration(JobCompletions owner, string jobId, Waiter waiter)
        {
            _owner = owner;
            _jobId = jobId;
            _waiter = waiter;
        }

        /// <summary>Completes when this process's worker (or a cancel) finishes the job.</summary>
        public Task Finished => _waiter.Finished.Task;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _owner.Unregister(_jobId, _waiter);
        }
    }

    internal sealed class Waiter
    {
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Count;
    }
}
