using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>The one inference worker and this node's heartbeat (the worker's input stage comes from <c>AddInputs</c>).</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<WorkerStatus>();
        services.AddSingleton<AlignmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlignmentWorker>());
        services.AddHostedService<NodeHeartbeat>();
        return services;
    }
}
