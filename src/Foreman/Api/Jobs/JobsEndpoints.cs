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
        return TypedResults.Accepted($"/api/v1/jobs/{job!.Id}", JobDocuments.Describe(store, job));
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
        Find(store, id) is { } job ? TypedResults.Ok(JobDocuments.Describe(store, job, withEvents: true)) : UnknownJob(id);

    private static Results<ContentHttpResult, ProblemHttpResult> Result(string id, IJobStore store,
        [Description("json, lrc, elrc, srt, vtt or textgrid; default: the format the job was submitted with")] string? format = null)
    {
        if (Find(store, id) is not { } job) return UnknownJob(id);
        return JobDocuments.Render(job, format);
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
        return TypedResults.Ok(JobDocuments.Describe(store, store.Get(job.Id)!));
    }

    private static Results<Ok<JobResponse>, ProblemHttpResult> Retry(string id, IJobStore store, QueueSignal signal)
    {
        if (Find(store, id) is null) return UnknownJob(id);
        if (!store.TryRequeue(id))
            return Problems.Conflict($"job {id} is {store.Get(id)!.State}; only a failed or cancelled job can be retried", "not-retryable");
        signal.Notify();
        return TypedResults.Ok(JobDocuments.Describe(store, store.Get(id)!));
    }

    public static ProblemHttpResult UnknownJob(string id) => Problems.NotFound($"no job has the id '{id}'");

    private static JobRecord? Find(IJobStore store, string id) => Ulid.TryParse(id, out _) ? store.Get(id) : null;
}
