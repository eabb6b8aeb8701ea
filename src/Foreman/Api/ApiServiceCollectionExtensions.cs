using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>Submission handling, snake_case JSON, RFC 9457 problems and request limits.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SubmissionValidator>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<Models.Hub.IModelUsage, QueueModelUsage>();
        services.AddSingleton<AudioUrlRules>();
        services.AddSingleton<RetryAfterEstimate>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<ProcessStart>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict; // numbers are numbers, also in the OpenAPI schemas
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.AddDetail);
        services.AddExceptionHandler<StorageFullHandler>(); // 507, not 500, when the disk is full
        // Kestrel's own 30 MB body cap would cut uploads off before our limit can answer with a clear 413 problem.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxUploadBytes + api.Value.MaxLyricsBytes + 1024 * 1024);
        return services;
    }
}
