using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Worker;

public static class WorkerServiceCollectionExtensions
{
    /// <summary>The one inference worker (its input stage comes from <c>AddInputs</c>).</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section);
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<WorkerStatus>();
        services.AddSingleton<AlignmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlignmentWorker>());
        return services;
    }
}
