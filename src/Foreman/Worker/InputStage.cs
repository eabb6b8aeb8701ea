using System.Diagnostics;
using Foreman.Diagnostics;
using Foreman.Inputs;
using Foreman.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Worker;

/// <summary>
/// Fetches the <c>audio_url</c> of queued jobs into the uploads directory ahead of the worker, which claims a job only
/// once its audio is on disk: a slow, dead or unreachable URL costs this stage a fetch slot, never the worker's turn.
/// A permanent failure (404, 403, no such bucket, a host that does not resolve, a blocked address, audio that does not
/// probe) fails the job at once; a transient one backs the fetch off (the job waits without a place ahead of ready
/// work) and fails the job once it was tried <c>max_attempts</c> times. The stored file is the job's audio from then
/// on, so it is never fetched twice, not even after a restart or an operator's retry.
/// </summary>
public sealed class InputStage(
    IJobStore store,
    AudioInputs inputs,
    JobCompletions completions,
    QueueSignal workerSignal,
    [FromKeyedServices(QueueSignal.AudioToFetch)] QueueSignal wake,
    ForemanMetrics metrics,
    IOptions<InputOptions> inputOptions,
    IOptions<QueueOptions> queueOptions,
    IOptions<StorageOptions> storage,
    IOptions<WorkerOptions> workerOptions,
    TimeProvider time,
    ILogger<InputStage> logger) : BackgroundService
{
    private readonly InputOptions _options = inputOptions.Value;
    private readonly Dictionary<string, Task> _running = [];
    private readonly Dictionary<string, Backoff> _backoffs = [];
    private readonly Lock _lock = new();

    /// <summary>How many jobs awaiting audio are read per look at the queue.</summary>
    private const int LookAhead = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The stage feeds this node's worker: an API-only node leaves fetching to the nodes that run one.
        if (!workerOptions.Value.Enabled) return;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                StartPending(stoppingToken);
                await wake.WaitAsync(_options.PrefetchPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Log.InputStageError(logger, e); // a database hiccup delays fetches, never loses a job
                await Task.Delay(_options.PrefetchPollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        Task[] running;
        lock (_lock) running = [.. _running.Values];
        await Task.WhenAll(running);
    }

    /// <summary>
    /// Starts the fetches of every job awaiting audio that is neither running nor backing off, and waits for the
    /// running ones to end: how tests (and a worker driven by hand) run the stage without its loop.
    /// </summary>
    public Task FetchPendingAsync(CancellationToken cancellationToken) => Task.WhenAll(StartPending(cancellationToken));

    /// <summary>Starts fetches up to <see cref="InputOptions.FetchConcurrency"/>; returns the fetches now running.</summary>
    private Task[] StartPending(CancellationToken cancellationToken)
    {
        var pending = store.AwaitingAudio(LookAhead);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (pending.Count < LookAhead)
            {
                // Cancelled, failed or fetched by another node: their backoffs are moot.
                foreach (var gone in _backoffs.Keys.Where(id => pending.All(job => job.Id != id)).ToList()) _backoffs.Remove(gone);
            }
            foreach (var job in pending)
            {
                if (_running.Count >= _options.FetchConcurrency) break;
                if (_running.ContainsKey(job.Id) || _backoffs.TryGetValue(job.Id, out var backoff) && backoff.NextTry > now) continue;
                _running[job.Id] = FetchAsync(job, cancellationToken);
            }
            return [.. _running.Values];
        }
    }

    private async Task FetchAsync(JobRecord job, CancellationToken cancellationToken)
    {
        await Task.Yield(); // never run the download under the lock that started it
        var uploads = Directory.CreateDirectory(storage.Value.UploadsDir).FullName;
        var path = UploadFiles.PathOf(uploads, job.Id);
        // ".partial" until whole: the sweep removes what a killed process leaves, and nothing points at it meanwhile.
        var temp = Path.Combine(uploads, $"{job.Id}.{Guid.NewGuid():N}.partial");
        var url = job.AudioUrl!;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await inputs.FetchCheckedAsync(new Uri(url), temp, cancellationToken);
            FlushToDisk(temp); // the row is about to point at it
            try
            {
                File.Move(temp, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another node sharing the uploads directory stored it first: the same URL, the same audio.
            }
            if (store.TryAttachAudio(job.Id, path))
            {
                Log.AudioFetched(logger, job.Id, url, stopwatch.ElapsedMilliseconds);
                workerSignal.Notify();
            }
            else if (store.Get(job.Id)?.AudioPath != path)
            {
                File.Delete(path); // cancelled meanwhile: nothing will read it
            }
            lock (_lock) _backoffs.Remove(job.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (UnusableAudioException e)
        {
            Fail(job, e.Message, "input");
        }
        catch (Exception e)
        {
            Retry(job, e is TransientInputException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            File.Delete(temp);
            lock (_lock) _running.Remove(job.Id);
            wake.Notify(); // a slot is free
        }
    }

    private void Retry(JobRecord job, string error)
    {
        Backoff next;
        lock (_lock)
        {
            var tries = (_backoffs.TryGetValue(job.Id, out var previous) ? previous.Tries : 0) + 1;
            if (tries >= job.MaxAttempts)
            {
                _backoffs.Remove(job.Id);
                next = new Backoff(tries, DateTimeOffset.MaxValue);
            }
            else
            {
                var delay = RetryBackoff.Delay(tries, queueOptions.Value.RetryBaseDelay, queueOptions.Value.RetryMaxDelay, Random.Shared.NextDouble());
                next = new Backoff(tries, time.GetUtcNow() + delay);
                _backoffs[job.Id] = next;
            }
        }
        if (next.NextTry == DateTimeOffset.MaxValue) Fail(job, error, "exhausted");
        else Log.AudioFetchRetrying(logger, job.Id, next.Tries, next.NextTry - time.GetUtcNow(), error);
    }

    private void Fail(JobRecord job, string error, string reason)
    {
        if (!store.TryFailQueued(job.Id, error)) return; // cancelled or expired meanwhile
        metrics.JobsFinished.Add("failed");
        metrics.JobFailures.Add(reason);
        Log.JobFailed(logger, job.Id, error);
        completions.Notify(job.Id);
    }

    private static void FlushToDisk(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    /// <summary>How often a job's fetch failed transiently, and when it may be tried again.</summary>
    private sealed record Backoff(long Tries, DateTimeOffset NextTry);
}
