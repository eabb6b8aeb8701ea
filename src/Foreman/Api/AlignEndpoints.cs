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
        HttpRequest request, JobSubmitter submitter, IJobStore store, JobCompletions completions, IOptions<ApiOptions> options,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (submitted, problem) = await submitter.SubmitAsync(request, cancellationToken);
        if (problem is not null) return problem;

        var job = await WaitForTerminalAsync(submitted!.Id, store, completions, options.Value.SyncTimeout, time, cancellationToken);
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
