using Foreman.Alignment;
using Foreman.Hosting;
using Foreman.Models;
using Microsoft.Extensions.Configuration;

namespace Foreman.Cli;

/// <summary>
/// Settings for the offline verbs (align, bench): the same sources and keys as the server
/// (appsettings.json beside the executable, then <c>Foreman__...</c> / <c>Inference__...</c> / <c>Alignment__...</c> environment variables).
/// </summary>
public static class CliConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static ForemanOptions Foreman(this IConfiguration configuration) =>
        configuration.GetSection(ForemanOptions.Section).Get<ForemanOptions>() ?? new ForemanOptions();

    public static InferenceOptions Inference(this IConfiguration configuration) =>
        (configuration.GetSection(InferenceOptions.Section).Get<InferenceOptions>() ?? new InferenceOptions()).Validate();

    public static AlignmentOptions Alignment(this IConfiguration configuration) =>
        (configuration.GetSection(AlignmentOptions.Section).Get<AlignmentOptions>() ?? new AlignmentOptions()).Validate();
}
