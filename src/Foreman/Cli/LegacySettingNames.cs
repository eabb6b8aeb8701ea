using Microsoft.Extensions.Configuration;

namespace Foreman.Cli;

/// <summary>
/// Settings that moved under <c>Foreman:</c> (<c>Inference:*</c> → <c>Foreman:Inference:*</c>, <c>Alignment:*</c> →
/// <c>Foreman:Alignment:*</c>). Operators' scripts still set the old names, so an old name's value is used when the new
/// name is not set; the server logs a deprecation warning naming each one.
/// </summary>
public static class LegacySettingNames
{
    private static readonly (string Old, string New)[] Moves = [("Inference", "Foreman:Inference"), ("Alignment", "Foreman:Alignment")];

    /// <summary>Adds the old names' values under the new names where those are unset; returns the old keys that were used.</summary>
    public static IReadOnlyList<string> Apply(IConfigurationManager configuration)
    {
        var adopted = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (old, moved) in Moves)
        foreach (var setting in configuration.GetSection(old).AsEnumerable(makePathsRelative: true))
        {
            if (setting.Value is null) continue;
            var key = ConfigurationPath.Combine(moved, setting.Key);
            if (configuration[key] is null) adopted[key] = setting.Value;
        }
        if (adopted.Count > 0) configuration.AddInMemoryCollection(adopted);
        return adopted.Keys.Select(key => key["Foreman:".Length..]).Order(StringComparer.Ordinal).ToList();
    }
}
