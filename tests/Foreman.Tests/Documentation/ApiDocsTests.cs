using System.Text.RegularExpressions;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Foreman.Tests.Documentation;

/// <summary>docs/api.md's endpoint table lists every route the server maps under /api, /health and /metrics, and no other.</summary>
public partial class ApiDocsTests
{
    private const string Doc = "docs/api.md";

    [Fact]
    public async Task EndpointTable_MatchesTheMappedRoutes()
    {
        await using var app = await ForemanApplication.StartAsync(
            new Dictionary<string, string?> { ["Foreman:Worker:Enabled"] = "false", ["Foreman:Models:EagerLoadDefault"] = "false" });
        var mapped = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + ConstraintPattern().Replace(e.RoutePattern.RawText!.Trim('/'), "{$1}"), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path.StartsWith("/health", StringComparison.Ordinal) || e.Path == "/metrics")
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Path}"))
            .ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedRoutes();

        var missing = mapped.Except(documented).Order(StringComparer.Ordinal).ToList();
        var stale = documented.Except(mapped).Where(r => !r.Contains("/openapi/", StringComparison.Ordinal) && !r.EndsWith(" /docs", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"routes missing from {Doc}'s endpoint table (add a row `| `METHOD /path` | what it does | success | problems |`): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"{Doc} lists routes the server does not map: {string.Join(", ", stale)}");
        Assert.Contains("GET /api/v1/jobs/{id}", mapped);
    }

    private static HashSet<string> DocumentedRoutes()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, Doc));
        return text.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => RoutePattern().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("`((?:GET|POST|PUT|PATCH|DELETE|HEAD) /[^`]*)`")]
    private static partial Regex RoutePattern();

    [GeneratedRegex(@"\{([A-Za-z_]+)(?::[^}]*)?\}")]
    private static partial Regex ConstraintPattern();
}
