using System.Diagnostics;
using Foreman.Alignment;
using Foreman.Diagnostics;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Worker;

/// <summary>
/// The one inference worker: drains the queue job by job, preferring the resident model's jobs. Exactly one instance
/// runs per process, and it runs one job at a time, so inference never overlaps on the accelerator.
/// </summary>
public sealed class AlignmentWorker(
    IJobStore store,
    ModelResidency residency,
    ISongAligner aligner,
    IAudioInputs inputs,
    JobCompletions completions,
    QueueSignal signal,
    WorkerIdentity identity,
    WorkerStatus status,
    ForemanMetrics metrics,
    IOptions<QueueOptions> queueOptions,
    IOptions<WorkerOptions> workerOptions,
    TimeProvider time,
    ILogger<AlignmentWorker> logger) : BackgroundService
{
    private readonly QueueOptions _options = queueOptions.Value;
    private readonly BusyClock _busy = new(metrics.WorkerBusy, time);

    /// <summary>Jitter for retry backoff; replaceable so tests get fixed delays.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// Takes back jobs left running by an earlier process. Called once before the first job. On a store shared by
    /// several nodes only expired leases are taken: the other running jobs may belong to live nodes.
    /// </summary>
    public int RescueAtStartup()
    {
        var rescued = Count(store.RescueOrphans(identity.Owner, includeUnexpired: !store.SharedByNodes, workerOptions.Value.MaxCrashes));
        Log.WorkerStarted(logger, identity.Owner, rescued);
        return rescued;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!workerOptions.Value.Enabled) return;
        await Task.Yield(); // let the host finish starting before the first database round trip
        RescueAtStartup();
        status.Idle();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken)) continue;
                status.Beat();
                await signal.WaitAsync(IdleWait(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A database hiccup (or a full disk) must not kill the only worker; back off briefly and look again.
                // The next look that works clears the fault, so readiness recovers by itself.
                Log.WorkerLoopError(logger, e);
                status.Faulted(StorageFull.Is(e) ? $"the storage is full ({FailureDecision.Describe(e)})" : FailureDecision.Describe(e));
                await Task.Delay(_options.IdlePollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        ReleaseClaimedAhead();
        residency.Unload();
        status.Stopped();
    }

    /// <summary>
    /// Runs at most one job: the next one by <see cref="JobScheduler"/>. Returns false when nothing was eligible.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        _busy.Start(WorkerPhase.Claim);
        RunMaintenance();

        if (cancellationToken.IsCancellationRequested)
        {
            _busy.Discard();
            ReleaseClaimedAhead();
            return false;
        }
        var job = _claimedNext ?? store.ClaimNext(residency.ResidentModel, _options.AgingLimit, identity.Owner, _options.LeaseDuration);
        _claimedNext = null;
        if (job is null)
        {
            _busy.Discard(); // looking and finding nothing is idle time
            residency.UnloadIfExpired();
            return false;
        }

        var needsLoad = job.JobState == JobState.Loading;
        Log.JobClaimed(logger, job.Id, job.Model, job.Attempt, job.MaxAttempts);
        status.Working(job.Id);
        try
        {
            await RunClaimedAsync(job, needsLoad, cancellationToken);
        }
        finally
        {
            _busy.Stop();
            status.Idle();
        }
        return true;
    }

    /// <summary>
    /// Expires overdue jobs and takes back jobs whose lease ran out, at most once per <see cref="MaintenanceInterval"/>:
    /// both are about seconds, and running them before every claim would cost the queue half its throughput.
    /// </summary>
    private void RunMaintenance()
    {
        var now = time.GetUtcNow();
        if (now < _nextMaintenance) return;
        _nextMaintenance = now + MaintenanceInterval;
        var expired = store.ExpireOverdue();
        if (expired > 0)
        {
            metrics.JobsFinished.Add("failed", expired);
            metrics.JobFailures.Add("expired", expired);
        }
        var rescued = Count(store.RescueOrphans(identity.Owner, includeUnexpired: false, workerOptions.Value.MaxCrashes));
        if (rescued > 0) Log.JobsRescued(logger, rescued);
    }

    /// <summary>Metrics and waiters for a rescue; returns how many jobs it took back.</summary>
    private int Count(RescueOutcome outcome)
    {
        if (outcome.Total > 0) metrics.JobsRescued.Add(amount: outcome.Total);
        foreach (var id in outcome.Failed)
        {
            metrics.JobsFinished.Add("failed");
            metrics.JobFailures.Add("lost_worker");
            completions.Notify(id);
        }
        foreach (var id in outcome.Crashed)
        {
            metrics.JobsFinished.Add("failed");
            metrics.JobFailures.Add(SqlJobStore.CrashedWorker);
            Log.JobCrashedWorker(logger, id, workerOptions.Value.MaxCrashes);
            completions.Notify(id);
        }
        return outcome.Total;
    }

    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _nextMaintenance = DateTimeOffset.MinValue;

    private async Task RunClaimedAsync(JobRecord job, bool needsLoad, CancellationToken cancellationToken)
    {
        var lease = new JobLease(job.Id, store, identity.Owner, _options, status, time, logger, cancellationToken);
        var keepAlive = job.KeepAliveMs is { } ms ? TimeSpan.FromMilliseconds(ms) : workerOptions.Value.DefaultKeepAlive;
        ILoadedModel? model = null;
        var end = JobEnd.Lost;
        try
        {
            _busy.Switch(WorkerPhase.ModelLoad);
            model = residency.Acquire(job.Model, lease.Token);
            end = await RunAsync(job, model, needsLoad, keepAlive, lease.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            end = store.TryRelease(job.Id, identity.Owner) ? JobEnd.Released : JobEnd.Lost;
            if (end == JobEnd.Released) Log.JobReleased(logger, job.Id);
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested)
        {
            Log.JobLost(logger, job.Id); // the lease went to another worker: its outcome is theirs now
        }
        catch (Exception e)
        {
            end = Settle(job, e);
        }
        finally
        {
            await lease.DisposeAsync();
            // Whatever the outcome, the model's keep-alive starts now (zero: unload at once).
            if (model is not null) residency.Release(keepAlive);
            if (end is JobEnd.Done or JobEnd.Failed) completions.Notify(job.Id);
            if (end is JobEnd.Done) DeleteUpload(job);
        }
    }

    /// <summary>The claimed job with its model resident: start, read the audio, align, store the result.</summary>
    private async Task<JobEnd> RunAsync(JobRecord job, ILoadedModel model, bool needsLoad, TimeSpan keepAlive, CancellationToken jobToken,
        CancellationToken stopping)
    {
        var run = Stopwatch.StartNew();
        var claimedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        _busy.Switch(WorkerPhase.Claim);
        if (needsLoad && !store.TryStartWorking(job.Id, identity.Owner))
        {
            Log.JobLost(logger, job.Id);
            return JobEnd.Lost;
        }
        _busy.Switch(WorkerPhase.Decode);
        var audio = await inputs.LoadAsync(new AudioSource(job.AudioPath, job.AudioUrl), model.SampleRate, jobToken);
        _busy.Switch(WorkerPhase.Inference, endedAs: audio.DecodedAhead ? WorkerPhase.InputWait : null);
        var inference = Stopwatch.StartNew();
        var result = aligner.Align(model, audio.Samples, job.Lyrics, job.Language, progress: null, jobToken);
        if (result.Duration > 0) metrics.InferenceRealTimeFactor.Observe(inference.Elapsed.TotalSeconds / result.Duration);
        _busy.Switch(WorkerPhase.Complete);
        if (!Complete(job, AlignmentResultJson.Serialize(result), residentAfter: keepAlive == TimeSpan.Zero ? null : job.Model, stopping))
        {
            Log.JobLost(logger, job.Id);
            return JobEnd.Lost;
        }
        metrics.JobsFinished.Add("done");
        metrics.JobRun.Observe(run.Elapsed.TotalSeconds);
        metrics.JobWait.Observe(Math.Max(0, (claimedAt - job.CreatedAt) / 1000.0));
        Log.JobDone(logger, job.Id, run.ElapsedMilliseconds);
        return JobEnd.Done;
    }

    /// <summary>A run that threw: the job fails now or goes back to the queue (<see cref="FailureDecision"/>).</summary>
    private JobEnd Settle(JobRecord job, Exception error)
    {
        var backoff = RetryBackoff.Delay(job.Attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Jitter());
        var quarantineLeft = residency.StatusOf(job.Model).NextLoadAt - time.GetUtcNow();
        var decision = FailureDecision.For(error, job.Attempt, job.MaxAttempts, backoff, quarantineLeft);
        if (decision.Fails) return Fail(job, decision.Error, decision.FailReason!) ? JobEnd.Failed : JobEnd.Lost;
        if (!store.TryRetry(job.Id, identity.Owner, decision.Error, time.GetUtcNow() + decision.RetryDelay)) return JobEnd.Lost;
        metrics.JobRetries.Add();
        Log.JobRetrying(logger, job.Id, job.Attempt, decision.RetryDelay, decision.Error);
        return JobEnd.Retried;
    }

    /// <summary>
    /// working → done. While the worker runs on, the same transaction claims its next job (kept for the next
    /// <see cref="RunOnceAsync"/>), which saves a commit per job when the queue is busy.
    /// </summary>
    private bool Complete(JobRecord job, string resultJson, string? residentAfter, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return store.TryComplete(job.Id, identity.Owner, resultJson);
        var (completed, next) = store.TryCompleteAndClaimNext(job.Id, identity.Owner, resultJson, residentAfter, _options.AgingLimit, _options.LeaseDuration);
        _claimedNext = next;
        return completed;
    }

    /// <summary>
    /// A done job's uploaded audio is no longer needed (its result is stored); failed and cancelled jobs keep theirs,
    /// so an operator can retry them.
    /// </summary>
    private void DeleteUpload(JobRecord job)
    {
        if (!UploadFiles.IsStoredFor(job.AudioPath, job.Id)) return;
        var path = job.AudioPath!;
        try { File.Delete(path); }
        catch (IOException e) { Log.UploadNotDeleted(logger, job.Id, e.Message); }
        catch (UnauthorizedAccessException e) { Log.UploadNotDeleted(logger, job.Id, e.Message); }
    }

    /// <summary>A job claimed together with the previous one's completion, not yet started.</summary>
    private JobRecord? _claimedNext;

    /// <summary>At shutdown, hands a job claimed ahead back to the queue untouched.</summary>
    private void ReleaseClaimedAhead()
    {
        if (_claimedNext is { } unstarted && store.TryRelease(unstarted.Id, identity.Owner)) Log.JobReleased(logger, unstarted.Id);
        _claimedNext = null;
    }

    private bool Fail(JobRecord job, string error, string reason)
    {
        if (!store.TryFail(job.Id, identity.Owner, error))
        {
            Log.JobLost(logger, job.Id);
            return false;
        }
        metrics.JobsFinished.Add("failed");
        metrics.JobFailures.Add(reason);
        Log.JobFailed(logger, job.Id, error);
        return true;
    }

    /// <summary>Sleeps until the poll interval or the next job in backoff becomes eligible, whichever is sooner.</summary>
    private TimeSpan IdleWait()
    {
        var wait = _options.IdlePollInterval;
        if (store.NextEligibleAt() is { } next)
        {
            var untilNext = TimeSpan.FromMilliseconds(Math.Max(0, next - time.GetUtcNow().ToUnixTimeMilliseconds()));
            if (untilNext < wait) wait = untilNext;
        }
        return wait;
    }
}
