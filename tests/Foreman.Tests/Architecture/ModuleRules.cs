namespace Foreman.Tests.Architecture;

/// <summary>
/// Which module may use which (docs/architecture.md draws it). Arrows point down: the composition root on top, the
/// services (endpoints, worker, deliveries) below it, the domain modules below them, and two leaves everything may
/// use. A module not listed may use nothing.
/// </summary>
public static class ModuleRules
{
    /// <summary>What the API may use of the worker: its public status, nothing of how it runs jobs.</summary>
    public static readonly IReadOnlySet<string> WorkerStatusTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Foreman.Worker.WorkerStatus", "Foreman.Worker.WorkerIdentity", "Foreman.Worker.WorkerOptions",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Allowed = new Dictionary<string, IReadOnlySet<string>>
    {
        [ModuleReferences.RootModule] = Set("Hosting"),
        ["Hosting"] = Set("Api", "ApiReference", "Dashboard", "Cli", "Worker", "Webhooks", "Retention", "Contracts", "Queue", "Models",
            "Alignment", "Inputs", "Emissions", "Diagnostics"),
        ["Cli"] = Set("Api", "Contracts", "Worker", "Queue", "Models", "Alignment", "Inputs", "Emissions", "Diagnostics"),
        ["Api"] = Set("Contracts", "Webhooks", "Worker", "Queue", "Models", "Alignment", "Inputs", "Emissions", "Diagnostics"),
        ["ApiReference"] = Set("Api", "Contracts"),
        ["Dashboard"] = Set(),
        ["Worker"] = Set("Queue", "Models", "Alignment", "Inputs", "Emissions", "Diagnostics"),
        ["Webhooks"] = Set("Contracts", "Queue", "Inputs", "Diagnostics"),
        ["Retention"] = Set("Queue", "Inputs", "Diagnostics"),
        ["Contracts"] = Set("Queue"),
        ["Inputs"] = Set("Queue", "Diagnostics"),
        ["Queue"] = Set("Diagnostics"),
        ["Models"] = Set("Emissions", "Diagnostics"),
        ["Alignment"] = Set("Emissions"),
        ["Emissions"] = Set(),
        ["Diagnostics"] = Set(),
    };

    /// <summary>The references that break a rule.</summary>
    public static IReadOnlyList<ModuleReference> Violations(IEnumerable<ModuleReference> references) =>
        references.Where(r => !Permits(r)).ToList();

    private static bool Permits(ModuleReference reference) =>
        Allowed.TryGetValue(reference.FromModule, out var allowed) && allowed.Contains(reference.ToModule)
        && (reference is not { FromModule: "Api", ToModule: "Worker" } || WorkerStatusTypes.Contains(reference.ToType));

    private static IReadOnlySet<string> Set(params string[] modules) => new HashSet<string>(modules, StringComparer.Ordinal);
}
