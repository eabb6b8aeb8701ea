using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Foreman.Models;

/// <summary>
/// Loads the default model in the background at start, so the server listens at once and the first job finds the
/// model warm. A failed load leaves the model <c>failed</c> with its reason and the server up, and is tried again at
/// the end of each quarantine (while no other model is resident), so a default model fixed on disk becomes ready
/// without a restart or a job.
/// </summary>
internal sealed class DefaultModelPreloader(ModelResidency residency, ModelCatalog catalog, IOptions<ModelOptions> options, TimeProvider time)
    : BackgroundService
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
            _completion.TrySetResult();
            await RetryWhileFailedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task RetryWhileFailedAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.LoadRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Failed: wake at the end of its quarantine. Otherwise look again after a retry delay (a job may fail it).
            var wait = residency.StatusOf(catalog.DefaultModel) is { State: ModelState.Failed, NextLoadAt: { } retryAt }
                ? retryAt - time.GetUtcNow()
                : delay;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
            var tried = await Task.Run(() =>
            {
                try { return residency.RetryFailed(catalog.DefaultModel, stoppingToken); }
                catch (ModelLoadException) { return true; } // recorded and logged by the residency, with the next try
            }, stoppingToken);
            if (!tried) await Task.Delay(delay, time, stoppingToken); // not failed, or another model holds the accelerator
        }
    }
}
