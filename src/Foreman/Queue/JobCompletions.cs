using System.Collections.Concurrent;

namespace Foreman.Queue;

/// <summary>
/// Wakes sync callers when their job reaches a terminal state, so they need not poll the database.
/// Callers register before they read the job's state, so a completion between the two cannot be missed.
/// </summary>
public sealed class JobCompletions
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    /// <summary>A task that completes when <see cref="Notify"/> is called for the job.</summary>
    public Task WhenFinished(string jobId) =>
        _waiters.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string jobId)
    {
        if (_waiters.TryRemove(jobId, out var waiter)) waiter.TrySetResult();
    }
}
