using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Alignment;

internal static class AlignmentServiceCollectionExtensions
{
    /// <summary>The alignment engine with its settings (<c>Foreman:Alignment:*</c>).</summary>
    public static IServiceCollection AddAlignment(this IServiceCollection services)
    {
        services.AddOptions<AlignmentOptions>().BindConfiguration(AlignmentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ForcedAlignmentEngine(sp.GetRequiredService<IOptions<AlignmentOptions>>().Value));
        return services;
    }
}
