using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>The sync API: one call that queues a job like any other and waits for it.</summary>
public static class AlignEndpoints
{
    public static RouteHandlerBuilder MapAlign(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/v1/align", AlignAsync)
            .WithTags("Align")
            .WithSummary("Align audio with its lyrics and wait for the result")
            .WithDescription("Same fields as POST /api/v1/jobs. The job is persisted first; the call waits up to the configured sync timeout and then answers 202 with the job to poll.")
            .Accepts<SubmitForm>("multipart/form-data")
            .AcceptsHeader("Idempotency-Key", "A client-chosen key (up to 200 characters): a repeated call with the same key waits for the job it created the first time.")
            .ProducesDocument()
            .ProducesSubmitProblems()
            .DisableAntiforgery();

    private static async Task<Results<ContentHttpResult, Accepted<JobResponse>, ProblemHttpResult>> AlignAsync(
        HttpRequest request, JobSubmitter submitter, JobStore store, JobCompletions completions, IOptions<ApiOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (submitted, problem) = await submitter.SubmitAsync(request, cancellationToken);
        if (problem is not null) return problem;

        var finished = completions.WhenFinished(submitted!.Id);
        var job = store.Get(submitted.Id)!;
        if (!job.JobState.IsTerminal())
        {
            try
            {
                await finished.WaitAsync(options.Value.SyncTimeout, time, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
            job = store.Get(submitted.Id)!;
        }

        if (!job.JobState.IsTerminal())
            return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobsEndpoints.Describe(store, job));
        if (job.JobState == JobState.Failed)
            return Problems.Unprocessable($"the alignment failed: {job.LastError}", "alignment-failed",
                new Dictionary<string, object?> { ["job_id"] = job.Id });
        return JobsEndpoints.Render(job, format: null) switch
        {
            { Result: ContentHttpResult content } => content,
            { Result: ProblemHttpResult renderProblem } => renderProblem,
            _ => throw new InvalidOperationException("unexpected render outcome"),
        };
    }
}
