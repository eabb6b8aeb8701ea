using System.Net;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs.Http;

/// <summary>
/// Which http(s) URLs and addresses the input stage may fetch. URLs are checked at submit and at every redirect; the
/// address actually connected to is checked again after DNS resolution (<see cref="HttpAudioFetcher"/>).
/// </summary>
public sealed class UrlPolicy(IOptions<HttpInputOptions> options)
{
    private readonly HashSet<string> _trusted = new(options.Value.AllowedHosts.Select(h => Normalize(h.Trim().Trim('[', ']'))), StringComparer.OrdinalIgnoreCase);

    /// <summary>Why fetching <paramref name="url"/> is not allowed, or null when it may be fetched.</summary>
    public string? Check(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            return $"scheme '{url.Scheme}' is not supported; use https:// or s3://";
        var host = HostOf(url);
        if (!IsTrusted(host))
        {
            if (IPAddress.TryParse(host, out var address) && CheckAddress(host, address) is { } blocked) return blocked;
            if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
                return $"{host} is a loopback address";
        }
        return url.Scheme == Uri.UriSchemeHttp && !options.Value.AllowHttp
            ? "plain http:// is not allowed on this server; use https:// (operators: Foreman:Http:AllowHttp)"
            : null;
    }

    /// <summary>Why connecting to <paramref name="address"/> for <paramref name="host"/> is not allowed, or null.</summary>
    public string? CheckAddress(string host, IPAddress address) =>
        IsTrusted(host) || BlockedAddresses.Why(address) is not { } why
            ? null
            : host == address.ToString() ? $"{address} is {why}" : $"{host} resolves to {address}, {why}";

    public bool IsTrusted(string host) => _trusted.Contains(Normalize(host));

    /// <summary>The host as DNS and IP parsing see it: IDN-encoded, IPv6 without brackets, lower case, no trailing dot.</summary>
    public static string HostOf(Uri url) => Normalize(url.IdnHost.Trim('[', ']'));

    /// <summary>
    /// One spelling per name: DNS ignores case and a trailing dot (<c>LOCALHOST.</c> is <c>localhost</c>), so checks
    /// against names must too.
    /// </summary>
    public static string Normalize(string host) => host.TrimEnd('.').ToLowerInvariant();
}
