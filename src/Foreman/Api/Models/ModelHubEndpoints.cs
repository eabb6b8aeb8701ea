using Foreman.Models.Hub;
using Foreman.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Api;

/// <summary>Pulling models from a hub and removing them: <c>POST /api/v1/models/pull</c>, <c>DELETE /api/v1/models/{name}</c>.</summary>
internal static class ModelHubEndpoints
{
    public static RouteGroupBuilder MapModelHub(this RouteGroupBuilder group)
    {
        group.MapPost("/pull", Pull).WithSummary("Start pulling a wav2vec2 CTC ONNX export from the hub in the background; GET /api/v1/models shows its progress")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{name}", Remove).WithSummary("Delete a model (never the default model, nor one with queued or running jobs)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static Results<Accepted<PullResponse>, ProblemHttpResult> Pull(PullBody body, ModelPulls pulls)
    {
        if (!HubModelReference.TryParse(body.Model, out var source, out var error)) return Problems.BadRequest(error);
        var name = body.As ?? source.DefaultLocalName;
        if (!ModelNames.IsValid(name)) return Problems.BadRequest($"'{name}' is not a valid model name: one folder name, {ModelNames.Pattern}");
        var variant = body.Variant ?? ModelVariants.Default;
        if (!ModelVariants.IsValid(variant))
            return Problems.BadRequest($"'{variant}' is not a variant: {ModelVariants.Default}, or the X of onnx/model_X.onnx ({ModelVariants.Pattern})");
        try
        {
            return TypedResults.Accepted("/api/v1/models", PullResponse.From(pulls.Start(new PullRequest(source, name, body.Force, variant))));
        }
        catch (ModelPullException e)
        {
            return Conflict(e.Message);
        }
    }

    private static Results<NoContent, ProblemHttpResult> Remove(string name, ModelRemoval removal, ModelPulls pulls)
    {
        if (pulls.Status is { Running: true } pull && pull.Model == name) return Conflict($"model '{name}' is being pulled");
        var result = removal.Remove(name);
        return result.Outcome switch
        {
            RemoveOutcome.Removed => TypedResults.NoContent(),
            RemoveOutcome.InvalidName => Problems.BadRequest(result.Message),
            RemoveOutcome.NotFound => Problems.NotFound(result.Message),
            _ => Conflict(result.Message),
        };
    }

    private static ProblemHttpResult Conflict(string detail) =>
        Problems.Make(StatusCodes.Status409Conflict, "The model cannot be changed now", detail, "model-conflict");
}

/// <summary>
/// The body of <c>POST /api/v1/models/pull</c>: <c>{"model": "owner/name@revision", "as": "local-name", "force": false,
/// "variant": "quantized"}</c>; <c>variant</c> picks <c>onnx/model_{variant}.onnx</c> (default: <c>model.onnx</c>).
/// </summary>
internal sealed record PullBody(string? Model, string? As, bool Force, string? Variant = null);

/// <summary>The server's current or last pull, as the API shows it.</summary>
internal sealed record PullResponse(
    string Model,
    string Source,
    string Variant,
    string State,
    long BytesDone,
    long? BytesTotal,
    string? File,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static PullResponse From(PullStatus status) => new(status.Model, status.Source, status.Variant, status.State.Name(), status.BytesDone,
        status.BytesTotal, status.File, status.Error, status.StartedAt, status.FinishedAt);
}
