using Foreman.Diagnostics;
using Foreman.Queue;
using Microsoft.Extensions.Logging;

namespace Foreman.Worker;

/// <summary>
/// The worker's hold on one claimed job: renews the lease every heartbeat until stopped, and gives the job a token
/// that is cancelled at shutdown or when a renewal finds the lease lost to another worker.
/// </summary>
internal sealed class JobLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _job;
    private readonly CancellationTokenSource _stop;
    private readonly Task _heartbeat;

    public JobLease(string jobId, IJobStore store, string owner, QueueOptions options, WorkerStatus status, TimeProvider time,
        ILogger logger, CancellationToken stopping)
    {
        _job = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _heartbeat = RenewAsync(jobId, store, owner, options, status, time, logger);
    }

    /// <summary>The job's token: cancelled at shutdown, or when the lease was lost.</summary>
    public CancellationToken Token => _job.Token;

    /// <summary>Ends the renewals; the job is over.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        _stop.Dispose();
        _job.Dispose();
    }

    private async Task RenewAsync(string jobId, IJobStore store, string owner, QueueOptions options, WorkerStatus status, TimeProvider time, ILogger logger)
    {
        while (true)
        {
            // Not thrown when stopped: a busy no-op queue ends thousands of jobs a second, and a cancelled delay that
            // throws costs more than the job.
            await Task.Delay(options.HeartbeatInterval, time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested) return;
            try
            {
                if (!store.Heartbeat(jobId, owner, options.LeaseDuration))
                {
                    await _job.CancelAsync();
                    return;
                }
                status.Beat();
            }
            catch (Exception e)
            {
                // A database hiccup must not end the heartbeats: the lease would lapse mid-job and another node
                // would run the job a second time. Try again at the next beat.
                Log.HeartbeatFailed(logger, jobId, e);
            }
        }
    }
}
