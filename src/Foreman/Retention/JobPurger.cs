using Foreman.Diagnostics;
using Foreman.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Foreman.Inputs;

namespace Foreman.Retention;

/// <summary>
/// Every <see cref="RetentionOptions.Interval"/>, deletes the jobs that finished (done, failed, cancelled) longer ago than
/// their state's retention: rows, history and uploaded audio, a small batch per transaction with a pause between batches,
/// so the worker and submits never wait long behind it. Queued and running jobs are never touched. On PostgreSQL each
/// node runs one, and their batches keep apart (<see cref="PostgresJobPurge"/>).
/// </summary>
public sealed class JobPurger(
    JobPurge purge,
    ForemanMetrics metrics,
    IOptions<RetentionOptions> retention,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<JobPurger> logger) : BackgroundService
{
    private static readonly JobState[] Finished = [JobState.Done, JobState.Failed, JobState.Cancelled];

    private RetentionOptions Options => retention.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Finished.All(state => Options.KeepFor(state) is null)) return; // every finished job is kept forever
        await Task.Yield(); // let the host finish starting before the first database round trip
        if (purge is SqliteJobPurge { IncrementalVacuumEnabled: false }) Log.IncrementalVacuumOff(logger, storage.Value.DatabasePath);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Options.Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stoppingToken.IsCancellationRequested) break;
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A database hiccup must not end retention: the next pass picks up where this one stopped.
                Log.PurgeFailed(logger, e);
            }
        }
    }

    /// <summary>One pass: every finished state with a retention, batch after batch until none is left. Returns the counts.</summary>
    public async Task<IReadOnlyDictionary<JobState, int>> PurgeAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var purged = Finished.ToDictionary(state => state, _ => 0);
        foreach (var state in Finished)
        {
            if (Options.KeepFor(state) is not { } keep) continue;
            var cutoff = time.GetUtcNow() - keep;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ids = purge.DeleteBatch(state, cutoff, Options.BatchSize);
                if (ids.Count == 0) break;
                purged[state] += ids.Count;
                metrics.JobsPurged.Add(state.Name(), ids.Count);
                DeleteUploads(ids);
                purge.ReclaimSpace();
                if (ids.Count < Options.BatchSize) break;
                await PauseAsync(cancellationToken);
            }
        }
        if (purged.Values.Sum() > 0)
            Log.JobsPurged(logger, purged[JobState.Done], purged[JobState.Failed], purged[JobState.Cancelled],
                (long)time.GetElapsedTime(started).TotalMilliseconds);
        return purged;
    }

    /// <summary>Leaves the database to the worker and the API for a moment; with no pause, at least to other threads.</summary>
    private async Task PauseAsync(CancellationToken cancellationToken)
    {
        if (Options.BatchPause > TimeSpan.Zero) await Task.Delay(Options.BatchPause, time, cancellationToken);
        else await Task.Yield();
    }

    /// <summary>
    /// The purged jobs' uploads (<c>&lt;uploads&gt;/&lt;id&gt;.audio</c>; a done job's is already gone), after the commit:
    /// a crash in between leaves an orphan file, never a job without its audio.
    /// </summary>
    private void DeleteUploads(IEnumerable<string> ids)
    {
        var uploads = storage.Value.UploadsDir;
        foreach (var id in ids)
        {
            try { File.Delete(UploadFiles.PathOf(uploads, id)); }
            catch (IOException e) { Log.PurgedUploadNotDeleted(logger, id, e.Message); }
            catch (UnauthorizedAccessException e) { Log.PurgedUploadNotDeleted(logger, id, e.Message); }
        }
    }
}
