using Foreman.Diagnostics;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Worker;

namespace Foreman.Api;

/// <summary><c>GET /metrics</c> in the Prometheus text format: Foreman's counters and histograms, and gauges read now.</summary>
internal static class MetricsEndpoints
{
    public static RouteHandlerBuilder MapMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/metrics", Scrape).WithTags("Health").WithSummary("Prometheus metrics")
            .Produces<string>(StatusCodes.Status200OK, PrometheusText.ContentType);

    private static IResult Scrape(ForemanMetrics metrics, IJobStore store, INodeRegistry nodes, ModelCatalog catalog, ModelResidency residency,
        WorkerIdentity identity, ProcessStart start, TimeProvider time)
    {
        var text = new PrometheusText();
        var now = time.GetUtcNow();
        text.Gauge("foreman_build_info", "Version and node of this process.", 1, ("version", HealthEndpoints.Version), ("node", identity.Owner));
        text.Gauge("foreman_uptime_seconds", "Seconds since this process started.", (now - start.At).TotalSeconds);
        text.Gauge("foreman_nodes_live", "Nodes serving this queue that sent a heartbeat within the lease duration.", nodes.Live().Count);

        var counts = store.CountByState();
        text.Header("foreman_jobs", "gauge", "Jobs in the database, by state.");
        foreach (var (state, count) in counts) text.Sample("foreman_jobs", count, ("state", state.Name()));
        text.Gauge("foreman_queue_depth", "Jobs waiting to run.", counts[JobState.Queued]);
        var oldest = store.OldestQueuedAt();
        text.Gauge("foreman_oldest_queued_age_seconds", "How long the oldest queued job has waited (0 when none).",
            oldest is { } at ? Math.Max(0, (now.ToUnixTimeMilliseconds() - at) / 1000.0) : 0);

        var names = catalog.Names();
        text.Header("foreman_model_resident", "gauge", "1 for the model resident on the accelerator.");
        foreach (var name in names) text.Sample("foreman_model_resident", name == residency.ResidentModel ? 1 : 0, ("model", name));
        text.Header("foreman_model_state", "gauge", "1 for each model's current lifecycle state.");
        foreach (var name in names)
            foreach (var state in Enum.GetValues<ModelState>())
                text.Sample("foreman_model_state", residency.StatusOf(name).State == state ? 1 : 0, ("model", name), ("state", state.Name()));

        metrics.WriteTo(text);
        return Results.Text(text.ToString(), PrometheusText.ContentType);
    }
}
