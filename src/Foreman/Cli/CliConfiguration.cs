using Foreman.Alignment;
using Foreman.Models;
using Foreman.Queue;
using Microsoft.Extensions.Configuration;

namespace Foreman.Cli;

/// <summary>
/// Settings for the offline verbs (align, models, text): the same sources and keys as the server
/// (appsettings.json beside the executable, then <c>Foreman__...</c> environment variables, old names included).
/// </summary>
public static class CliConfiguration
{
    public static IConfiguration Load()
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
        LegacySettingNames.Apply(configuration);
        return configuration;
    }

    public static StorageOptions Storage(this IConfiguration configuration) => configuration.Read<StorageOptions>(StorageOptions.Section);

    public static ModelCatalogOptions ModelCatalog(this IConfiguration configuration) => configuration.Read<ModelCatalogOptions>(ModelCatalogOptions.Section);

    public static InferenceOptions Inference(this IConfiguration configuration) => configuration.Read<InferenceOptions>(InferenceOptions.Section).Validate();

    public static AlignmentOptions Alignment(this IConfiguration configuration) => configuration.Read<AlignmentOptions>(AlignmentOptions.Section).Validate();

    private static T Read<T>(this IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();
}
