using Foreman.Alignment;
using Foreman.Emissions;
using Microsoft.AspNetCore.WebUtilities;
using Foreman.Alignment.Formats;
using Foreman.Alignment.Text;
using Foreman.Diagnostics;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>
/// Turns a submit into a stored job: reads and validates the fields, moves the upload into the data directory, and
/// commits the job row (in that order, so a job never points at missing input), then wakes the worker. An upload is
/// probed before it is accepted, so undecodable or over-long audio is a 422 now instead of a failed job later.
/// </summary>
public sealed class JobSubmitter(
    IJobStore store,
    JobIds ids,
    ModelCatalog models,
    QueueSignal signal,
    [FromKeyedServices(QueueSignal.AudioToFetch)] QueueSignal fetchSignal,
    AudioUrlRules urlRules,
    Webhooks.CallbackUrlRules callbackRules,
    AudioProbe probe,
    RetryAfterEstimate retryAfter,
    ILogger<JobSubmitter> logger,
    IOptions<StorageOptions> storage,
    IOptions<AdmissionOptions> admission,
    IOptions<ApiOptions> api,
    IOptions<QueueOptions> queue,
    TimeProvider time)
{
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>Longest keep_alive or deadline accepted: beyond it the times would only overflow, not mean more.</summary>
    private static readonly TimeSpan LongestDuration = TimeSpan.FromDays(30);

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
            var (job, problem) = Validate(id, submission, idempotencyKey.Length > 0 ? idempotencyKey : null);
            if (problem is not null) return (null, problem);

            // A cheap early answer for a full queue; the insert below decides atomically.
            if (store.CountQueued() >= admission.Value.MaxQueued) return (null, QueueFull(request));
            if (submission.AudioTempPath is not null && await probe.CheckAsync(submission.AudioTempPath, cancellationToken) is { } rejection)
                return (null, Problems.Unprocessable(rejection.Detail, rejection.Type));

            if (submission.AudioTempPath is not null)
                File.Move(submission.AudioTempPath, job!.AudioPath!);
            JobRecord? stored;
            bool created;
            try
            {
                (stored, created) = store.TryCreate(job!, admission.Value.MaxQueued);
            }
            catch
            {
                if (job!.AudioPath is not null) File.Delete(job.AudioPath); // no job points at it: nothing would ever remove it
                throw;
            }
            if (!created && job!.AudioPath is not null) File.Delete(job.AudioPath); // lost a race on the idempotency key, or the queue filled
            if (stored is null) return (null, QueueFull(request));
            if (created)
            {
                Log.JobQueued(logger, stored.Id, stored.Model);
                if (job!.AudioUrl is not null) fetchSignal.Notify(); // the worker waits until its audio is fetched
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
        return Problems.QueueFull($"{admission.Value.MaxQueued:N0} jobs are already queued; try again in {AudioProbe.Describe(wait)}", wait);
    }

    private (NewJob? Job, ProblemHttpResult? Problem) Validate(string id, Submission submission, string? idempotencyKey)
    {
        var hasUpload = submission.AudioTempPath is not null;
        var url = submission.AudioUrl?.Trim();
        if (hasUpload && !string.IsNullOrEmpty(url))
            return Fail(Problems.BadRequest("send either an audio file or an audio_url, not both"));
        if (!hasUpload && string.IsNullOrEmpty(url))
            return Fail(Problems.BadRequest("the audio field (a file) or the audio_url field is required", "missing-audio"));
        if (hasUpload && submission.AudioBytes == 0)
            return Fail(Problems.Unprocessable("the audio file is empty", "empty-audio"));
        if (!string.IsNullOrEmpty(url) && urlRules.Check(url) is { } urlError)
            return Fail(Problems.BadRequest(urlError, "invalid-audio-url"));

        if (submission.Lyrics is null)
            return Fail(Problems.BadRequest("the lyrics field is required", "missing-lyrics"));
        if (LyricsRules.FindControlCharacter(submission.Lyrics) is { } control)
            return Fail(Problems.BadRequest(control, "invalid-lyrics"));

        var model = string.IsNullOrWhiteSpace(submission.Model) ? models.DefaultModel : submission.Model.Trim();
        if (!ModelNames.IsValid(model))
            return Fail(Problems.BadRequest($"'{model}' is not a valid model name (letters, digits, '.', '_' and '-')", "invalid-model-name"));
        if (!models.Contains(model))
            return Fail(Problems.Unprocessable(
                $"unknown model '{model}'; available: {string.Join(", ", models.Names())}", "unknown-model"));
        Vocabulary vocabulary;
        try
        {
            vocabulary = models.VocabularyOf(model);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return Fail(Problems.Unprocessable($"model '{model}' cannot be used: its vocab.json could not be read ({e.Message})", "broken-model"));
        }
        string? language = null;
        if (!string.IsNullOrWhiteSpace(submission.Language) && (language = Languages.Normalize(submission.Language)) is null)
            return Fail(Problems.BadRequest(
                $"language '{submission.Language}' is not an ISO 639-1 code (e.g. en, fr, es, de, zh, ja); leave it out to guess it from the lyrics' script", "invalid-language"));
        // Checks that something can be aligned, and settles the language (given or guessed) that the job stores.
        ParsedLyrics lyrics;
        try
        {
            lyrics = ForcedAlignmentEngine.Parse(submission.Lyrics, vocabulary, language);
        }
        catch (AlignmentInputException e)
        {
            return Fail(Problems.Unprocessable(e.Message, "no-lyrics"));
        }

        var format = OutputFormat.Json;
        if (!string.IsNullOrWhiteSpace(submission.Format) && !OutputFormats.TryParse(submission.Format.Trim(), out format))
            return Fail(Problems.BadRequest(
                $"unknown format '{submission.Format}'; use one of {string.Join(", ", Enum.GetValues<OutputFormat>().Select(OutputFormats.Name))}", "unknown-format"));

        TimeSpan? keepAlive = null;
        if (!string.IsNullOrWhiteSpace(submission.KeepAlive))
        {
            if (!DurationText.TryParse(submission.KeepAlive, out var parsed))
                return Fail(Problems.BadRequest($"keep_alive '{submission.KeepAlive}' is not a duration (e.g. 5m, 30s, 0, -1)"));
            if (parsed > LongestDuration)
                return Fail(Problems.BadRequest($"keep_alive '{submission.KeepAlive}' is longer than {LongestDuration.TotalDays:0} days; use -1 to keep the model loaded"));
            keepAlive = parsed;
        }

        DateTimeOffset? deadline = null;
        if (!string.IsNullOrWhiteSpace(submission.Deadline))
        {
            if (!DurationText.TryParse(submission.Deadline, out var within) || within <= TimeSpan.Zero)
                return Fail(Problems.BadRequest($"deadline '{submission.Deadline}' is not a positive duration (e.g. 10m, 90s)"));
            if (within > LongestDuration)
                return Fail(Problems.BadRequest($"deadline '{submission.Deadline}' is more than {LongestDuration.TotalDays:0} days away"));
            deadline = time.GetUtcNow() + within;
        }

        var callbackUrl = string.IsNullOrWhiteSpace(submission.CallbackUrl) ? null : submission.CallbackUrl.Trim();
        if (callbackUrl is not null)
        {
            if (callbackRules.Check(callbackUrl) is { } callbackError)
                return Fail(Problems.BadRequest(callbackError, "invalid-callback-url"));
            if (!callbackRules.Enabled)
                return Fail(Problems.Unprocessable(
                    "this server sends no webhooks: it has no signing secret (operators: Foreman:Webhooks:Secret)", "webhooks-disabled"));
        }

        var audioPath = hasUpload ? UploadFiles.PathOf(storage.Value.UploadsDir, id) : null;
        return (new NewJob(id, model, OutputFormats.Name(format), audioPath, hasUpload ? null : url, submission.Lyrics,
            idempotencyKey, keepAlive, queue.Value.MaxAttempts, deadline, lyrics.Language, callbackUrl), null);
    }

    private static (NewJob?, ProblemHttpResult?) Fail(ProblemHttpResult problem) => (null, problem);
}
