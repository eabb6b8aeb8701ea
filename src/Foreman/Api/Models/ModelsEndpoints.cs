using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Queue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Api;

/// <summary>The models on disk and their lifecycle state.</summary>
internal static class ModelsEndpoints
{
    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/models").WithTags("Models");
        group.MapGet("/", List).WithSummary("Every model folder, with its state, residency, device, load and warm-up times, last error and queued jobs; and the current or last pull");
        group.MapModelHub();             // POST /pull, DELETE /{name}
        return group;
    }

    private static Ok<ModelList> List(ModelCatalog catalog, ModelResidency residency, IJobStore store, ModelPulls pulls) =>
        TypedResults.Ok(new ModelList(Describe(catalog, residency, store), pulls.Status is { } pull ? PullResponse.From(pull) : null));

    public static IReadOnlyList<ModelResponse> Describe(ModelCatalog catalog, ModelResidency residency, IJobStore store)
    {
        return catalog.Names().Select(name =>
        {
            // Status first: a load makes the model resident before it reads as ready, so a ready status read first
            // always finds it resident (read the other way round, a load finishing in between showed ready, not resident).
            var status = residency.StatusOf(name);
            var resident = residency.ResidentModel;
            return new ModelResponse(name, status.State.Name(), name == resident, name == catalog.DefaultModel, status.Device,
                status.DeviceFallbackReason, status.LoadMilliseconds, status.WarmupMilliseconds, status.LastError, store.CountQueued(name),
                status.State == ModelState.Failed ? status.NextLoadAt : null);
        }).ToList();
    }
}

/// <param name="Pull">The current or last pull since the server started; absent when there was none.</param>
internal sealed record ModelList(IReadOnlyList<ModelResponse> Models, PullResponse? Pull = null);

/// <summary>A model as the API shows it.</summary>
/// <param name="NextLoadAt">While failed: when its quarantine ends and it is loaded again (the default model in the background).</param>
internal sealed record ModelResponse(
    string Name,
    string State,
    bool Resident,
    bool Default,
    string? Device,
    string? DeviceFallbackReason,
    double? LoadMs,
    double? WarmupMs,
    string? LastError,
    long QueuedJobs,
    DateTimeOffset? NextLoadAt = null);
