using Foreman.Inputs.Http;
using Foreman.Inputs.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs;

internal static class InputsServiceCollectionExtensions
{
    /// <summary>Audio inputs: S3 and http(s) fetching behind one retry pipeline, the ffprobe check, decoding with prefetch, and the uploads sweep.</summary>
    public static IServiceCollection AddInputs(this IServiceCollection services)
    {
        services.AddOptions<InputOptions>().BindConfiguration(InputOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<S3Options>().BindConfiguration(S3Options.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HttpInputOptions>().BindConfiguration(HttpInputOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddKeyedSingleton(InputFetchPipeline.Key, (sp, _) =>
            InputFetchPipeline.Create(sp.GetRequiredService<IOptions<InputOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IS3Objects, S3Objects>();
        services.AddSingleton<UrlPolicy>();
        services.AddSingleton<GuardedConnector>();
        services.AddSingleton<HttpAudioFetcher>();
        services.AddSingleton<AudioProbe>();
        services.AddSingleton<AudioInputs>();
        services.AddSingleton<UploadSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadSweeper>());
        services.AddSingleton<IAudioInputs>(sp => sp.GetRequiredService<IOptions<InputOptions>>().Value.Prefetch > 0
            ? ActivatorUtilities.CreateInstance<PrefetchingAudioInputs>(sp)
            : sp.GetRequiredService<AudioInputs>());
        return services;
    }
}
