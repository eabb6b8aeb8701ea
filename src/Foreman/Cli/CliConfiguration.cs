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
    /// <param name="warnings">Where each old setting name in use is named, as the server logs it (standard error).</param>
    public static IConfiguration Load(TextWriter warnings)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).AddEnvironmentVariables();
        return WithLegacyNames(configuration, warnings);
    }

    /// <summary>Applies <see cref="LegacySettingNames"/>, writing a deprecation warning for each old name it used.</summary>
    public static IConfiguration WithLegacyNames(IConfigurationManager configuration, TextWriter warnings)
    {
        foreach (var moved in LegacySettingNames.Apply(configuration))
            warnings.WriteLine($"warning: setting {moved} is deprecated: set Foreman:{moved} instead (the old name still works)");
        return configuration;
    }

    public static StorageOptions Storage(this IConfiguration configuration) => configuration.Read<StorageOptions>(StorageOptions.Section);

    public static ModelCatalogOptions ModelCatalog(this IConfiguration configuration) => configuration.Read<ModelCatalogOptions>(ModelCatalogOptions.Section);

    public static InferenceOptions Inference(this IConfiguration configuration) => configuration.Read<InferenceOptions>(InferenceOptions.Section).Validate();

    public static AlignmentOptions Alignment(this IConfiguration configuration) => configuration.Read<AlignmentOptions>(AlignmentOptions.Section).Validate();

    private static T Read<T>(this IConfiguration configuration, string section) where T : new() =>
        configuration.GetSection(section).Get<T>() ?? new T();
}
