using Foreman.Models.Hub;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Models;

internal static class ModelsServiceCollectionExtensions
{
    /// <summary>The model catalog, the ONNX loader, the residency that owns the loaded model, the eager default load, and pulls from a hub.</summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddOptions<ModelCatalogOptions>().BindConfiguration(ModelCatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<IModelLoader, OnnxModelLoader>();
        services.AddSingleton<ModelResidency>();
        services.AddSingleton<DefaultModelPreloader>();
        services.AddHostedService(sp => sp.GetRequiredService<DefaultModelPreloader>());
        services.AddModelHub();          // models pull / rm: hub client, staging, background pulls
        return services;
    }
}
