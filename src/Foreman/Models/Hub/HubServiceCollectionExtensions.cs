using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Models.Hub;

internal static class HubServiceCollectionExtensions
{
    /// <summary>The hub client, the puller and the server's background pulls, and model removal. Needs an <see cref="IModelUsage"/>.</summary>
    public static IServiceCollection AddModelHub(this IServiceCollection services)
    {
        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section)
            .PostConfigure<IConfiguration>(HubOptions.UseTokenVariable)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new HubClient(sp.GetRequiredService<IOptions<HubOptions>>().Value));
        services.AddSingleton<ModelPuller>();
        services.AddSingleton<ModelPulls>();
        services.AddSingleton<ModelRemoval>();
        return services;
    }
}
