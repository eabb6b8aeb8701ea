using System.ComponentModel;
using Foreman.Alignment;
using Foreman.Alignment.Formats;
using Foreman.Contracts;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Foreman.Inputs;

namespace Foreman.Api;

/// <summary>The async API: submit, poll, fetch the result, cancel, list.</summary>
internal static class JobsEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/jobs").WithTags("Jobs");

        group.MapPost("/", SubmitAsync)
            .WithSummary("Queue an alignment job and return at once")
            .WithDescription("multipart/form-data: audio (file) or audio_url, lyrics, and optionally model, format, keep_alive, deadline, language, callback_url; "
                + "or application/json with the same fields but the file (audio_url and lyrics required). An Idempotency-Key header returns the existing job instead of creating a second one. "
                + "With a callback_url, the finished job (done, failed or cancelled) is POSTed there as a signed webhook (see the callbacks).")
            .AcceptsSubmit()
            .AcceptsHeader("Idempotency-Key", "A client-chosen key (up to 200 characters): a repeated submit with the same key returns the job it created the first time.")
            .ProducesSubmitProblems()
            .DisableAntiforgery();
        group.MapGet("/", List).WithSummary("List jobs, oldest first (or newest first with order=newest), with paging")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id}", Get).WithSummary("A job's state, attempts, place in line and history")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/result", Result).WithSummary("The alignment of a finished job, in the format asked for")
            .ProducesDocument()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/audio", Audio)
            .WithSummary("The job's uploaded audio while the server keeps it, with HTTP Range support (for players and the dashboard)")
            .WithDescription("Uploads are kept until the job is done (and for as long as retention keeps them after); audio_url jobs have no stored audio. 404 audio-not-kept otherwise.")
            .ProducesAudio(StatusCodes.Status200OK)
            .ProducesAudio(StatusCodes.Status206PartialContent)
            .Produces(StatusCodes.Status416RangeNotSatisfiable)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", Cancel).WithSummary("Cancel a queued job")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/retry", Retry).WithSummary("Re-queue a failed or cancelled job under the same id")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Results<Accepted<JobResponse>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, JobSubmitter submitter, IJobStore store, CancellationToken cancellationToken)
    {
        var (job, problem) = await submitter.SubmitAsync(request, cancellationToken);
        if (problem is not null) return problem;
        return TypedResults.Accepted($"/api/v1/jobs/{job!.Id}", Describe(store, job));
    }

    private static Results<Ok<JobPage>, ProblemHttpResult> List(IJobStore store,
        [Description("Only jobs in this state: queued, loading, working, done, failed or cancelled")] string? state = null,
        [Description("Only jobs for this model")] string? model = null,
        [Description("The next_after of the previous page")] string? after = null,
        [Description("Page size, 1 to 500")] int limit = 100,
        [Description("oldest (default: queue order) or newest (most recent first)")] string? order = null)
    {
        JobState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!JobStates.TryParse(state, out var parsed))
                return Problems.BadRequest($"unknown state '{state}'; use one of {string.Join(", ", Enum.GetValues<JobState>().Select(s => s.Name()))}");
            filter = parsed;
        }
        if (limit is < 1 or > MaxPageSize) return Problems.BadRequest($"limit must be between 1 and {MaxPageSize}");
        if (after is not null && !Ulid.TryParse(after, out _)) return Problems.BadRequest($"after '{after}' is not a job id");
        if (order is not (null or "" or "oldest" or "newest")) return Problems.BadRequest($"order '{order}' is not oldest or newest");
        var jobs = store.List(filter, model, after, limit, newestFirst: order == "newest");
        return TypedResults.Ok(new JobPage(jobs.Select(j => j.ToResponse()).ToList(), jobs.Count == limit ? jobs[^1].Id : null));
    }

    private static Results<Ok<JobResponse>, ProblemHttpResult> Get(string id, IJobStore store) =>
        Find(store, id) is { } job ? TypedResults.Ok(Describe(store, job, withEvents: true)) : UnknownJob(id);

    private static Results<ContentHttpResult, ProblemHttpResult> Result(string id, IJobStore store,
        [Description("json, lrc, elrc, srt, vtt or textgrid; default: the format the job was submitted with")] string? format = null)
    {
        if (Find(store, id) is not { } job) return UnknownJob(id);
        return Render(job, format);
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Audio(string id, IJobStore store)
    {
        if (Find(store, id) is not { } job) return UnknownJob(id);
        var why = job.AudioUrl is not null ? "its audio came from audio_url and is not stored" : "its upload is no longer kept";
        var notKept = Problems.Make(StatusCodes.Status404NotFound, "The audio is not kept", $"job '{id}' has no audio to play: {why}", "audio-not-kept");
        if (!UploadFiles.IsStoredFor(job.AudioPath, job.Id)) return notKept;
        var path = job.AudioPath!;
        FileStream audio;
        try
        {
            // Open, then serve from the handle: the worker may delete the upload meanwhile (Linux keeps an open file readable).
            audio = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return notKept;
        }
        return TypedResults.Stream(audio, AudioMediaTypes.Sniff(audio), lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
    }

    private static Results<Ok<JobResponse>, ProblemHttpResult> Cancel(string id, IJobStore store, JobCompletions completions)
    {
        if (Find(store, id) is not { } job) return UnknownJob(id);
        if (!store.TryCancel(id))
            return Problems.Conflict($"job {id} is {store.Get(id)!.State}; only a queued job can be cancelled", "not-cancellable");
        completions.Notify(id);
        return TypedResults.Ok(Describe(store, store.Get(job.Id)!));
    }

    private static Results<Ok<JobResponse>, ProblemHttpResult> Retry(string id, IJobStore store, QueueSignal signal)
    {
        if (Find(store, id) is null) return UnknownJob(id);
        if (!store.TryRequeue(id))
            return Problems.Conflict($"job {id} is {store.Get(id)!.State}; only a failed or cancelled job can be retried", "not-retryable");
        signal.Notify();
        return TypedResults.Ok(Describe(store, store.Get(id)!));
    }

    /// <summary>The finished job's document in <paramref name="format"/> (default: the one it was submitted with), or the problem why not.</summary>
    public static Results<ContentHttpResult, ProblemHttpResult> Render(JobRecord job, string? format)
    {
        var name = string.IsNullOrWhiteSpace(format) ? job.Format : format;
        if (!OutputFormats.TryParse(name, out var outputFormat))
            return Problems.BadRequest($"unknown format '{name}'; use one of {string.Join(", ", Enum.GetValues<OutputFormat>().Select(OutputFormats.Name))}", "unknown-format");
        if (job.JobState != JobState.Done)
        {
            var why = job.JobState switch
            {
                JobState.Failed => $"job {job.Id} failed: {job.LastError}",
                JobState.Cancelled => $"job {job.Id} was cancelled",
                _ => $"job {job.Id} is {job.State}; poll /api/v1/jobs/{job.Id} until it is done",
            };
            return Problems.Conflict(why, "not-done");
        }
        var result = AlignmentResultJson.Deserialize(job.ResultJson!);
        return TypedResults.Text(OutputFormats.Write(result, outputFormat), OutputFormats.ContentType(outputFormat));
    }

    public static JobResponse Describe(IJobStore store, JobRecord job, bool withEvents = false) =>
        job.ToResponse(job.JobState == JobState.Queued ? store.Position(job) : null, withEvents ? store.Events(job.Id) : null);

    public static ProblemHttpResult UnknownJob(string id) => Problems.NotFound($"no job has the id '{id}'");

    private static JobRecord? Find(IJobStore store, string id) => Ulid.TryParse(id, out _) ? store.Get(id) : null;
}

/// <summary>The submit form, for the OpenAPI document.</summary>
internal sealed class SubmitForm
{
    /// <summary>The audio file (any common format). Either this or audio_url.</summary>
    public IFormFile? Audio { get; set; }
    /// <summary>https:// or s3://bucket/key to fetch the audio from. Either this or audio.</summary>
    public string? AudioUrl { get; set; }
    /// <summary>The lyrics or transcript, one line per lyric line.</summary>
    public required string Lyrics { get; set; }
    /// <summary>Model name; the default model when absent.</summary>
    public string? Model { get; set; }
    /// <summary>json (default), lrc, elrc, srt, vtt or textgrid.</summary>
    public string? Format { get; set; }
    /// <summary>How long the model stays loaded after this job: 5m, 30s, 0 (unload), -1 (forever).</summary>
    public string? KeepAlive { get; set; }
    /// <summary>Fail the job if it has not started within this duration (e.g. 10m).</summary>
    public string? Deadline { get; set; }
    /// <summary>ISO 639-1 code of the lyrics (en, fr, es, de, zh, ja...): how numbers are spelled. Default: guessed from the script, else en.</summary>
    public string? Language { get; set; }
    /// <summary>https:// URL that receives the finished job as a signed webhook (Standard Webhooks).</summary>
    public string? CallbackUrl { get; set; }
}

/// <summary>The JSON submit, for the OpenAPI document: the form's fields but the file. Unknown members are refused.</summary>
internal sealed class SubmitRequest
{
    /// <summary>https:// or s3://bucket/key to fetch the audio from.</summary>
    public required string AudioUrl { get; set; }
    /// <summary>The lyrics or transcript, one line per lyric line, separated by newlines.</summary>
    public required string Lyrics { get; set; }
    /// <summary>Model name; the default model when absent.</summary>
    public string? Model { get; set; }
    /// <summary>json (default), lrc, elrc, srt, vtt or textgrid.</summary>
    public string? Format { get; set; }
    /// <summary>How long the model stays loaded after this job: "5m", "30s", "0" (unload), "-1" (forever), or a number of seconds.</summary>
    public string? KeepAlive { get; set; }
    /// <summary>Fail the job if it has not started within this duration ("10m"), or a number of seconds.</summary>
    public string? Deadline { get; set; }
    /// <summary>ISO 639-1 code of the lyrics (en, fr, es, de, zh, ja...): how numbers are spelled. Default: guessed from the script, else en.</summary>
    public string? Language { get; set; }
    /// <summary>https:// URL that receives the finished job as a signed webhook (Standard Webhooks).</summary>
    public string? CallbackUrl { get; set; }
}
