using Foreman.Inputs;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>The one inference worker, the input stage that feeds it, and this node's heartbeat.</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddSingleton<IAudioInputs, AudioInputs>();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<WorkerStatus>();
        services.AddSingleton<AlignmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlignmentWorker>());
        services.AddHostedService<NodeHeartbeat>();
        return services;
    }
}
