using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Worker;

internal static class WorkerServiceCollectionExtensions
{
    /// <summary>The one inference worker, its input stage (fetching <c>audio_url</c>s ahead of it), and this node's heartbeat.</summary>
    public static IServiceCollection AddWorker(this IServiceCollection services)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<WorkerStatus>();
        services.AddSingleton<ISongAligner, SongAligner>();
        services.AddSingleton<InputStage>();
        services.AddHostedService(sp => sp.GetRequiredService<InputStage>());
        services.AddSingleton<AlignmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AlignmentWorker>());
        services.AddHostedService<NodeHeartbeat>();
        return services;
    }
}
