using Foreman.Tests.Support;

namespace Foreman.Tests.Architecture;

public sealed class ModuleDependencyTests
{
    private static readonly string ServerAssembly = typeof(Foreman.Hosting.ServerApp).Assembly.Location;

    [Fact]
    public void ServerAssembly_EveryReferenceBetweenModules_FollowsTheRules()
    {
        var violations = ModuleRules.Violations(ModuleReferences.Read(ServerAssembly));

        Assert.True(violations.Count == 0, "references against the module rules (docs/architecture.md):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void ServerAssembly_EveryModule_HasRules()
    {
        var modules = ModuleReferences.Read(ServerAssembly).SelectMany(r => new[] { r.FromModule, r.ToModule }).Distinct();

        Assert.DoesNotContain(modules, m => !ModuleRules.Allowed.ContainsKey(m));
    }

    [Fact]
    public void Rules_TodaysRulesAgainstTheOldBackArrows_ReportEachOne()
    {
        // Probes in this assembly (ArchitectureProbes.cs) repeat, one type each, the back-arrows the server once had.
        var probes = ModuleReferences.Read(typeof(ModuleDependencyTests).Assembly.Location,
            type => type.Name.EndsWith("Probe", StringComparison.Ordinal) && type.Namespace.EndsWith(".ArchitectureProbes", StringComparison.Ordinal));

        var violations = ModuleRules.Violations(probes).Select(v => $"{v.FromModule} → {v.ToModule}").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(["Alignment → Models", "Api → Worker", "Diagnostics → Queue", "Inputs → Alignment", "Inputs → Worker", "Models → Alignment",
            "Queue → Hosting"], violations);
        Assert.DoesNotContain(probes, p => p.FromType.Contains("Allowed", StringComparison.Ordinal) && ModuleRules.Violations([p]).Count > 0);
    }

    [Fact]
    public void SourceFiles_DeclareTheNamespaceOfTheirFolder()
    {
        var source = Path.Combine(EngineTestPaths.RepositoryRoot, "src", "Foreman");
        var misplaced = new List<string>();
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            var folder = Path.GetDirectoryName(relative)!;
            var expected = folder.Length == 0 ? "Foreman" : "Foreman." + folder.Split(Path.DirectorySeparatorChar)[0];
            var declared = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))?[10..].TrimEnd(';', ' ');
            if (declared is null ? folder.Length > 0 : declared != expected && !declared.StartsWith(expected + ".", StringComparison.Ordinal))
                misplaced.Add($"{relative}: namespace {declared ?? "(none)"}, expected {expected}");
        }

        Assert.True(misplaced.Count == 0, "files whose namespace is not their folder's module:\n" + string.Join("\n", misplaced));
    }
}
