using Foreman.Contracts;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>The sync API: one call that queues a job like any other and waits for it.</summary>
internal static class AlignEndpoints
{
    public static RouteHandlerBuilder MapAlign(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/align", AlignAsync)
            .WithTags("Align")
            .WithSummary("Align audio with its lyrics and wait for the result")
            .WithDescription("Same fields as POST /api/v1/jobs, as multipart/form-data or application/json. The job is persisted first; the call waits "
                + "up to the configured sync timeout (or less, with Prefer: wait=N) and then answers 202 with the job to poll (Location). "
                + "The 200 names its job in Content-Location (and, in JSON, job_id and job_url); so do problems about the job.")
            .AcceptsSubmit()
            .AcceptsHeader("Idempotency-Key", "A client-chosen key (up to 200 characters): a repeated call with the same key waits for the job it created the first time.")
            .AcceptsHeader("Prefer", "RFC 7240 wait=N: wait at most N seconds (capped at the server's sync timeout) before answering 202; the answer says Preference-Applied: wait=N.")
            .ProducesDocument()
            .ProducesSubmitProblems()
            .DisableAntiforgery();

    private static async Task<Results<ContentHttpResult, Accepted<JobResponse>, ProblemHttpResult>> AlignAsync(
        HttpRequest request, JobSubmitter submitter, IJobStore store, JobCompletions completions, IOptions<ApiOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (submitted, problem) = await submitter.SubmitAsync(request, cancellationToken);
        if (problem is not null) return problem;

        var wait = options.Value.SyncTimeout;
        if (PreferWait.Parse(request.Headers["Prefer"]) is { } preferred)
        {
            wait = preferred < wait ? preferred : wait;
            request.HttpContext.Response.Headers["Preference-Applied"] = PreferWait.Format(wait);
        }
        var job = await WaitForTerminalAsync(submitted!.Id, store, completions, wait, time, cancellationToken);
        var url = JobResponses.UrlOf(job.Id);
        if (!job.JobState.IsTerminal())
            return TypedResults.Accepted(url, JobDocuments.Describe(store, job));
        if (job.JobState == JobState.Failed)
            return AboutJob(Problems.Unprocessable($"the alignment failed: {job.LastError}", "alignment-failed"), job.Id);
        switch (JobDocuments.Render(job, format: null).Result)
        {
            case ContentHttpResult content:
                // A client whose proxy cut the wait short finds its job again here.
                request.HttpContext.Response.Headers.ContentLocation = url;
                return content.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
                    ? TypedResults.Text(WithJob(content.ResponseContent!, job.Id), content.ContentType)
                    : content;
            case ProblemHttpResult renderProblem:
                return AboutJob(renderProblem, job.Id);
            default:
                throw new InvalidOperationException("unexpected render outcome");
        }
    }

    /// <summary>A problem about a stored job names it, so the client can poll it instead of submitting again.</summary>
    private static ProblemHttpResult AboutJob(ProblemHttpResult problem, string id)
    {
        problem.ProblemDetails.Extensions["job_id"] = id;
        problem.ProblemDetails.Extensions["job_url"] = JobResponses.UrlOf(id);
        return problem;
    }

    /// <summary>The JSON document with <c>job_id</c> and <c>job_url</c> first.</summary>
    private static string WithJob(string document, string id)
    {
        var result = System.Text.Json.Nodes.JsonNode.Parse(document)!.AsObject();
        result.Insert(0, "job_id", id);
        result.Insert(1, "job_url", JobResponses.UrlOf(id));
        return result.ToJsonString();
    }

    /// <summary>The job once terminal, or as it is when the timeout runs out.</summary>
    private static async Task<JobRecord> WaitForTerminalAsync(string id, IJobStore store, JobCompletions completions, TimeSpan timeout,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        using var registration = completions.Register(id); // before the first read, so a completion in between is not missed
        while (true)
        {
            var job = store.Get(id)!;
            var remaining = deadline - time.GetUtcNow();
            if (job.JobState.IsTerminal() || remaining <= TimeSpan.Zero) return job;
            // This process's worker wakes us at once; the one-second slices catch jobs finished elsewhere
            // (another node, deadline expiry, the lease rescuer).
            var slice = remaining < WakeCheck ? remaining : WakeCheck;
            if (registration.Finished.IsCompleted)
            {
                await Task.Delay(slice, time, cancellationToken); // woken, but the job moved on again (an operator retry)
                continue;
            }
            try
            {
                await registration.Finished.WaitAsync(slice, time, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private static readonly TimeSpan WakeCheck = TimeSpan.FromSeconds(1);
}
