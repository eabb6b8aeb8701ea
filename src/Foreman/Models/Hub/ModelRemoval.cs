using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Foreman.Models.Hub;

/// <summary>What <see cref="ModelRemoval.Remove"/> did.</summary>
public enum RemoveOutcome
{
    Removed,
    InvalidName,
    NotFound,
    /// <summary>Refused: the default model, or one that jobs wait for or run on.</summary>
    Refused,
}

public sealed record RemoveResult(RemoveOutcome Outcome, string Message);

/// <summary>
/// Deletes a model folder, refusing the default model and any model with queued or running jobs. The folder is first
/// renamed into the staging area, so the model disappears at once rather than file by file.
/// </summary>
public sealed class ModelRemoval(ModelCatalog catalog, IModelUsage usage, ILogger<ModelRemoval> logger)
{
    public RemoveResult Remove(string name)
    {
        if (!ModelNames.IsValid(name)) return new(RemoveOutcome.InvalidName, $"'{name}' is not a valid model name");
        var folder = catalog.PathOf(name);
        if (!Directory.Exists(folder)) return new(RemoveOutcome.NotFound, $"there is no model '{name}' in {catalog.Directory}");
        if (name == catalog.DefaultModel)
            return new(RemoveOutcome.Refused, $"'{name}' is the default model (Foreman:DefaultModel); change the default before removing it");
        var jobs = usage.JobsOf(name);
        if (jobs.Queued + jobs.Running > 0)
            return new(RemoveOutcome.Refused, $"model '{name}' has {jobs.Queued} queued and {jobs.Running} running job(s); cancel them or let them finish first");

        var work = Directory.CreateDirectory(Path.Combine(catalog.Directory, ModelPuller.WorkFolder)).FullName;
        var removed = Path.Combine(work, $"{name}.removed-{Guid.NewGuid():N}");
        Directory.Move(folder, removed);
        catalog.Forget(name);
        Directory.Delete(removed, recursive: true);
        ModelPuller.DeleteIfEmpty(work);
        Log.ModelRemoved(logger, name);
        return new(RemoveOutcome.Removed, $"removed model '{name}'");
    }
}
