using Foreman.Inputs.Http;

namespace Foreman.Webhooks;

/// <summary>
/// Which <c>callback_url</c> a submit may name: the same SSRF rules as an http(s) <c>audio_url</c> (<see cref="UrlPolicy"/>:
/// https only unless <c>Foreman:Http:AllowHttp</c>, no private, loopback or metadata address unless the host is in
/// <c>Foreman:Http:AllowedHosts</c>), checked at submit and again, after DNS resolution, at every delivery.
/// </summary>
public sealed class CallbackUrlRules(UrlPolicy policy, WebhookSigner signer)
{
    /// <summary>An error message, or null when the URL is acceptable.</summary>
    public string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return $"callback_url '{url}' is not an absolute https:// URL";
        if (string.IsNullOrEmpty(uri.Host)) return $"callback_url '{url}' has no host";
        if (policy.Check(uri) is { } why) return $"callback_url '{url}' is not allowed: {why}";
        return null;
    }

    /// <summary>False when the server has no webhook secret, so it cannot sign a delivery.</summary>
    public bool Enabled => signer.Enabled;
}
