using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Documentation;

/// <summary>
/// docs/operations.md's configuration table cannot drift from the code: every settable property of every options class
/// the server binds from configuration (found in its service registrations; the section is the class's
/// <c>public const string Section</c>, nested options classes below it) has a row there with its key, its environment
/// variable and its default.
/// </summary>
public partial class ConfigurationDocsTests
{
    private const string Doc = "docs/operations.md";

    /// <summary>Defaults that depend on the machine or are computed: the text the row's default cell must hold instead.</summary>
    private static readonly Dictionary<string, string> DescribedDefaults = new(StringComparer.Ordinal)
    {
        ["Foreman:Inference:IntraOpThreads"] = "one per core",
    };

    private static readonly IReadOnlyList<ConfigurationRow> Rows = ReadTable();

    private static readonly Lazy<Task<IReadOnlyList<Type>>> Registered = new(RegisteredOptionsAsync);

    [Fact]
    public async Task EveryRegisteredOptionsClass_NamesItsSection()
    {
        var registered = await Registered.Value;
        var nameless = registered.Where(t => SectionOf(t) is null).Select(t => t.FullName).ToList();

        Assert.Contains(typeof(StorageOptions), registered);
        Assert.Contains(typeof(Foreman.Inputs.S3.S3Options), registered);
        Assert.True(nameless.Count == 0,
            $"options classes the server binds without a Section constant: {string.Join(", ", nameless)}. Give each " +
            $"`public const string Section = \"Foreman:...\";` (the section it is bound from: BindConfiguration(X.Section)), so " +
            $"{nameof(ConfigurationDocsTests)} can check its keys are in {Doc}");
    }

    [Fact]
    public async Task EveryConfigurationKey_IsInTheTableWithItsEnvironmentVariableAndDefault()
    {
        var problems = new List<string>();
        foreach (var setting in await SettingsAsync())
        {
            var row = Rows.FirstOrDefault(r => r.Keys.Contains(setting.Key));
            var expected = DescribedDefaults.GetValueOrDefault(setting.Key) ?? setting.Default;
            var environment = setting.Key.Replace(":", "__", StringComparison.Ordinal);
            if (row is null)
            {
                problems.Add($"{setting.Key} ({setting.Property}) is missing from {Doc}'s configuration table (under \"## Configuration\"); add the row\n" +
                    $"    | `{setting.Key}` | `{environment}` | {(expected is null ? "none" : $"`{expected}`")} | what it does |");
                continue;
            }
            if (!row.Environment.Contains(environment, StringComparison.Ordinal))
                problems.Add($"{setting.Key}: its row in {Doc} should name the environment variable `{environment}` (got: {row.Environment})");
            if (expected is not null && !row.Default.Contains(DescribedDefaults.ContainsKey(setting.Key) ? expected : $"`{expected}`", StringComparison.Ordinal))
                problems.Add($"{setting.Key}: the default in {Doc} should be `{expected}` ({setting.Property}'s initial value; got: {row.Default})");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryKeyInTheTable_IsASetting()
    {
        var keys = (await SettingsAsync()).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = Rows.SelectMany(r => r.Keys).Where(k => !k.StartsWith("--", StringComparison.Ordinal) && !keys.Contains(k)).ToList();

        Assert.True(unknown.Count == 0, $"{Doc} documents keys no options class has (renamed or removed?): {string.Join(", ", unknown)}");
    }

    [Fact]
    public async Task Settings_FindTheKnownSections()
    {
        var settings = await SettingsAsync();
        var keys = settings.Select(s => s.Key).ToList();

        Assert.Contains("Foreman:DataDir", keys);
        Assert.Contains("Foreman:Postgres:ConnectionString", keys);
        Assert.Contains("Foreman:S3:Region", keys);
        Assert.Contains("Foreman:Alignment:Scoring:StrayLetterPenalty", keys);
        Assert.DoesNotContain("Foreman:UploadsDir", keys); // computed, not a setting
        Assert.Equal("00:05:00", settings.Single(s => s.Key == "Foreman:Api:SyncTimeout").Default);
        Assert.Equal("0.2", settings.Single(s => s.Key == "Foreman:Alignment:Scoring:OnsetBlankPenalty").Default);
    }

    private sealed record Setting(string Key, string Property, string? Default);

    private sealed record ConfigurationRow(IReadOnlyList<string> Keys, string Environment, string Default);

    // BindConfiguration registers a change-token source per bound options class: those are the classes configuration reaches.
    private static async Task<IReadOnlyList<Type>> RegisteredOptionsAsync()
    {
        IReadOnlyList<Type> registered = [];
        await using var app = await ForemanApplication.StartAsync(
            new Dictionary<string, string?> { ["Foreman:Worker:Enabled"] = "false", ["Foreman:Models:EagerLoadDefault"] = "false" },
            services => registered = OptionsRegistrations.Of(services, typeof(IOptionsChangeTokenSource<>)));
        return registered;
    }

    private static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string)field.GetRawConstantValue()!
            : null;

    private static async Task<List<Setting>> SettingsAsync() => (await Registered.Value)
        .Where(t => SectionOf(t) is not null)
        .SelectMany(t => SettingsOf(SectionOf(t)!, t, Activator.CreateInstance(t)!))
        .ToList();

    private static IEnumerable<Setting> SettingsOf(string section, Type type, object instance)
    {
        foreach (var property in Bindable(type))
        {
            var key = $"{section}:{property.Name}";
            var value = property.GetValue(instance);
            if (IsOptions(property.PropertyType))
            {
                foreach (var nested in SettingsOf(key, property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType)!)) yield return nested;
            }
            else
            {
                yield return new Setting(key, $"{type.Name}.{property.Name}", Format(value));
            }
        }
    }

    // What the configuration binder sets: public instance properties with a public setter or init.
    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static bool IsOptions(Type type) => type.IsClass && type != typeof(string) && type.Name.EndsWith("Options", StringComparison.Ordinal);

    /// <summary>A default as the table writes it; null for "none" (null, empty text, an empty list).</summary>
    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        Enum member => member.ToString().ToLowerInvariant(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => items.Cast<object>().Any() ? string.Join(", ", items.Cast<object>()) : null,
        _ => value.ToString(),
    };

    // The rows of the table under "## Configuration": | `key` | `ENV` | default | meaning |
    private static List<ConfigurationRow> ReadTable()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, Doc));
        var section = Regex.Match(text, @"^## Configuration\n(?<body>.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, $"{Doc} has no \"## Configuration\" section");
        return section.Groups["body"].Value.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => SplitCells(l))
            .Where(cells => cells.Count >= 4)
            .Select(cells => new ConfigurationRow(BacktickedPattern().Matches(cells[0]).Select(m => m.Groups[1].Value).ToList(), cells[1], cells[2]))
            .ToList();
    }

    // Cells split on '|', except an escaped '\|' inside a cell.
    private static List<string> SplitCells(string line) =>
        Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedPattern();
}
