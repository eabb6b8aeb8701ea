using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Foreman.Dashboard;

/// <summary>
/// The dashboard's pages, scripts and styles, embedded in the assembly (<c>Dashboard/Assets</c>) and read once, so the
/// server needs no wwwroot folder and the browser nothing from outside it.
/// </summary>
public sealed class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    private readonly Dictionary<string, DashboardAsset> _assets;

    private DashboardAssets(Dictionary<string, DashboardAsset> assets) => _assets = assets;

    public IReadOnlyCollection<string> Names => _assets.Keys;

    public static DashboardAssets Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            assets[name] = new DashboardAsset(content, ContentTypeOf(name), tag);
        }
        return new DashboardAssets(assets);
    }

    public DashboardAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => throw new InvalidOperationException($"the dashboard asset {name} has no known content type"),
    };
}

/// <summary>One embedded file with its content type and a content hash as its entity tag.</summary>
public sealed record DashboardAsset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
