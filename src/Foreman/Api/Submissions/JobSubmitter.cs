using Foreman.Diagnostics;
using Foreman.Inputs;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>
/// Turns a submit into a stored job: reads and validates the fields, moves the upload into the data directory, and
/// commits the job row (in that order, so a job never points at missing input), then wakes the worker. An upload is
/// probed before it is accepted, so undecodable or over-long audio is a 422 now instead of a failed job later.
/// </summary>
internal sealed class JobSubmitter(
    IJobStore store,
    JobIds ids,
    QueueSignal signal,
    [FromKeyedServices(QueueSignal.AudioToFetch)] QueueSignal fetchSignal,
    SubmissionValidator validator,
    AudioProbe probe,
    RetryAfterEstimate retryAfter,
    ILogger<JobSubmitter> logger,
    IOptions<StorageOptions> storage,
    IOptions<AdmissionOptions> admission,
    IOptions<ApiOptions> api)
{
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>The stored job (new, or the existing one for a repeated idempotency key), or the problem to answer.</summary>
    public async Task<(JobRecord? Job, ProblemHttpResult? Problem)> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            return (null, Problems.BadRequest($"the Idempotency-Key header is longer than {MaxIdempotencyKeyLength} characters"));
        if (idempotencyKey.Length > 0 && store.GetByIdempotencyKey(idempotencyKey) is { } existing)
        {
            await request.Body.DrainAsync(cancellationToken);
            return (existing, null);
        }

        var id = ids.Next();
        var uploads = Directory.CreateDirectory(storage.Value.UploadsDir).FullName;
        Submission submission;
        try
        {
            submission = await SubmissionReader.ReadAsync(request, Path.Combine(uploads, id + ".partial"), api.Value, cancellationToken);
        }
        catch (SubmissionRejectedException e)
        {
            File.Delete(Path.Combine(uploads, id + ".partial"));
            return (null, e.Problem);
        }
        catch
        {
            File.Delete(Path.Combine(uploads, id + ".partial")); // the client went away mid-upload: leave nothing behind
            throw;
        }

        using (submission)
        {
            NewJob job;
            try
            {
                job = validator.ToJob(id, submission, idempotencyKey.Length > 0 ? idempotencyKey : null);
            }
            catch (SubmissionRejectedException e)
            {
                return (null, e.Problem);
            }

            // A cheap early answer for a full queue; the insert below decides atomically.
            if (store.CountQueued() >= admission.Value.MaxQueued) return (null, QueueFull(request));
            if (submission.AudioTempPath is not null && await probe.CheckAsync(submission.AudioTempPath, cancellationToken) is { } rejection)
                return (null, Problems.Unprocessable(rejection.Detail, rejection.Type));

            if (submission.AudioTempPath is not null)
                File.Move(submission.AudioTempPath, job.AudioPath!);
            JobRecord? stored;
            bool created;
            try
            {
                (stored, created) = store.TryCreate(job, admission.Value.MaxQueued);
            }
            catch
            {
                if (job.AudioPath is not null) File.Delete(job.AudioPath); // no job points at it: nothing would ever remove it
                throw;
            }
            if (!created && job.AudioPath is not null) File.Delete(job.AudioPath); // lost a race on the idempotency key, or the queue filled
            if (stored is null) return (null, QueueFull(request));
            if (created)
            {
                Log.JobQueued(logger, stored.Id, stored.Model);
                if (job.AudioUrl is not null) fetchSignal.Notify(); // the worker waits until its audio is fetched
                else signal.Notify();
            }
            return (stored, null);
        }
    }

    private ProblemHttpResult QueueFull(HttpRequest request)
    {
        var queued = store.CountQueued();
        var wait = retryAfter.For(queued);
        var seconds = (long)wait.TotalSeconds;
        request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Log.QueueFull(logger, queued, seconds);
        return Problems.QueueFull($"{admission.Value.MaxQueued:N0} jobs are already queued; try again in {HumanDuration.Describe(wait)}", wait);
    }
}
