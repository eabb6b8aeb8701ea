using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Foreman.Webhooks;

/// <summary>
/// Signs deliveries per the Standard Webhooks convention (standardwebhooks.com): <c>webhook-signature: v1,</c> then the
/// base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the secret's bytes.
/// </summary>
public sealed class WebhookSigner(IOptions<WebhookOptions> options)
{
    public const string SecretPrefix = "whsec_";

    private readonly byte[]? _key = options.Value.Secret is { Length: > 0 } secret ? KeyOf(secret) : null;

    /// <summary>False when no secret is configured: then no webhook can be signed, and submits with a callback are refused.</summary>
    public bool Enabled => _key is not null;

    /// <summary>The <c>webhook-signature</c> header's value.</summary>
    public string Sign(string id, long timestamp, string body)
    {
        if (_key is null) throw new InvalidOperationException($"{WebhookOptions.Section}:Secret is not set");
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(_key, signed));
    }

    /// <summary>
    /// The HMAC key of a secret: for <c>whsec_</c>-prefixed secrets the base64-decoded remainder (null when that is not
    /// base64 of at least 16 bytes), else the secret's UTF-8 bytes.
    /// </summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal)) return Encoding.UTF8.GetBytes(secret);
        var encoded = secret[SecretPrefix.Length..];
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var length) && length >= 16 ? key[..length] : null;
    }
}
