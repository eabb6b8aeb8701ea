using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Foreman.Models;

/// <summary>
/// Loads the default model in the background at start, so the server listens at once and the first job finds the
/// model warm. A failed load leaves the model <c>failed</c> with its reason; the server stays up.
/// </summary>
public sealed class DefaultModelPreloader(ModelResidency residency, ModelCatalog catalog, IOptions<ModelOptions> options) : BackgroundService
{
    /// <summary>Completes when the eager load has ended, either way (tests and benchmarks wait on it).</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.EagerLoadDefault) return;
            await Task.Run(() =>
            {
                try { residency.Acquire(catalog.DefaultModel, stoppingToken); }
                catch (ModelLoadException) { } // recorded on the model's status and logged by the residency
            }, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _completion.TrySetResult();
        }
    }
}
