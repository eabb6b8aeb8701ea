using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Foreman.Api.Access;

/// <summary>
/// The configured API keys, kept as SHA-256 digests. A presented key is hashed and compared with every digest in
/// constant time, so neither the comparison nor the number of keys checked tells an attacker how close a guess was.
/// </summary>
internal sealed class ApiKeys(IOptions<ApiKeyOptions> options)
{
    private readonly byte[][] _digests = options.Value.ApiKeys.Select(Digest).ToArray();

    public bool Enabled => _digests.Length > 0;

    public bool IsValid(string presented)
    {
        var digest = Digest(presented);
        var match = false;
        foreach (var key in _digests) match |= CryptographicOperations.FixedTimeEquals(digest, key);
        return match;
    }

    /// <summary>The request carries a valid key (false whenever no keys are configured: then nobody is known).</summary>
    public bool Authenticates(HttpRequest request) => Enabled && ApiKeyMiddleware.Presented(request) is { } presented && IsValid(presented);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
