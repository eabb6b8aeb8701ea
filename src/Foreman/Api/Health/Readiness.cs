using Foreman.Models;
using Foreman.Worker;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>
/// Whether this server can take work now: the default model has become ready (and has not failed since; an idle
/// unload after keep-alive does not count against it, the next job reloads it) and the worker loop is alive.
/// </summary>
public sealed class Readiness(ModelCatalog catalog, ModelResidency residency, WorkerStatus worker, IOptions<WorkerOptions> workerOptions,
    IOptions<HealthOptions> options, TimeProvider time)
{
    /// <summary>Why the server is not ready; empty when it is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var model = residency.StatusOf(catalog.DefaultModel);
        if (model.State == ModelState.Failed)
            problems.Add($"default model '{model.Name}' failed to load: {model.LastError}"
                + (model.NextLoadAt is { } next ? $"; next try at {next:u}" : ""));
        else if (!model.EverReady)
            problems.Add($"default model '{model.Name}' is {model.State.Name()}");

        if (!workerOptions.Value.Enabled)
        {
            problems.Add("the worker is disabled on this node");
        }
        else if (worker.LastError is { } error)
        {
            problems.Add($"the worker cannot use its queue: {error}");
        }
        else
        {
            var lastSign = worker.LastHeartbeat ?? worker.Since;
            var age = time.GetUtcNow() - lastSign;
            if (age > options.Value.WorkerStallLimit)
                problems.Add($"the worker's last heartbeat was {age.TotalSeconds:F0} s ago (limit {options.Value.WorkerStallLimit.TotalSeconds:F0} s)");
        }
        return problems;
    }
}
