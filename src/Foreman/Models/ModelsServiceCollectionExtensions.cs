using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Models;

public static class ModelsServiceCollectionExtensions
{
    /// <summary>The model catalog, the ONNX loader and the residency that owns the loaded model.</summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<IModelLoader, OnnxModelLoader>();
        services.AddSingleton<ModelResidency>();
        return services;
    }
}
