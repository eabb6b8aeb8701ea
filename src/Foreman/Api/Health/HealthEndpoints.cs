using System.Reflection;
using Foreman.Api.Access;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Worker;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>
/// Liveness, readiness and a full health report for operators and orchestrators. Probes usually call without a key, so
/// for them the file paths in errors are shortened to file names (<see cref="PathRedaction"/>); a valid key sees them whole.
/// </summary>
internal static class HealthEndpoints
{
    public static string Version { get; } =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new { status = "live" })).WithSummary("200 while the process runs");
        group.MapGet("/ready", Ready).WithSummary("200 when the default model is ready and the worker is alive; 503 with the reasons otherwise")
            .Produces<ReadyResponse>(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/", Report).WithSummary("Status, models, inference device and why, worker, queue depth per state, oldest queued age, uptime, version");
        return group;
    }

    private static Results<Ok<ReadyResponse>, JsonHttpResult<ReadyResponse>> Ready(Readiness readiness, ApiKeys keys, HttpRequest request)
    {
        var problems = Reasons(readiness, keys, request);
        var body = new ReadyResponse(problems.Count == 0 ? "ready" : "not_ready", problems);
        return problems.Count == 0 ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static Ok<HealthReport> Report(Readiness readiness, ModelCatalog catalog, ModelResidency residency, IJobStore store,
        IOptions<InferenceOptions> inferenceOptions, WorkerStatus worker, WorkerIdentity identity, ProcessStart start, TimeProvider time,
        ApiKeys keys, HttpRequest request)
    {
        var now = time.GetUtcNow();
        var problems = Reasons(readiness, keys, request);
        var models = ModelsEndpoints.Describe(catalog, residency, store);
        var inference = InferenceReport.Of(inferenceOptions.Value, residency.StatusOf(residency.ResidentModel ?? catalog.DefaultModel));
        var authenticated = keys.Authenticates(request);
        var oldest = store.OldestQueuedAt();
        return TypedResults.Ok(new HealthReport(
            problems.Count == 0 ? "ready" : "not_ready",
            problems,
            Version,
            identity.Owner,
            (now - start.At).TotalSeconds,
            authenticated ? models : models.Select(m => m with { LastError = PathRedaction.Redact(m.LastError) }).ToList(),
            authenticated ? inference : inference with { Reason = PathRedaction.Redact(inference.Reason) },
            new WorkerReport(worker.State, worker.CurrentJobId, worker.Since, worker.LastHeartbeat),
            store.CountByState().ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
            oldest is { } at ? Math.Max(0, (now.ToUnixTimeMilliseconds() - at) / 1000.0) : null));
    }

    private static IReadOnlyList<string> Reasons(Readiness readiness, ApiKeys keys, HttpRequest request)
    {
        var problems = readiness.Problems();
        return keys.Authenticates(request) ? problems : problems.Select(p => PathRedaction.Redact(p)!).ToList();
    }
}

/// <summary>When this process started, for uptime.</summary>
internal sealed class ProcessStart(TimeProvider time)
{
    public DateTimeOffset At { get; } = time.GetUtcNow();
}

internal sealed record ReadyResponse(string Status, IReadOnlyList<string> Reasons);

internal sealed record WorkerReport(string State, string? JobId, DateTimeOffset Since, DateTimeOffset? LastHeartbeat);

internal sealed record HealthReport(
    string Status,
    IReadOnlyList<string> Reasons,
    string Version,
    string Node,
    double UptimeSeconds,
    IReadOnlyList<ModelResponse> Models,
    InferenceReport Inference,
    WorkerReport Worker,
    IReadOnlyDictionary<string, long> Jobs,
    double? OldestQueuedAgeSeconds);
