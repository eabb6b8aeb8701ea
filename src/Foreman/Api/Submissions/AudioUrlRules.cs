using Foreman.Inputs.Http;

namespace Foreman.Api;

/// <summary>
/// Which <c>audio_url</c> forms a submit may use: checked at once, so a URL that can never be fetched (a bad form, a
/// literal private, loopback or metadata address) is a 400 now rather than a failed job later. Host names are checked
/// again after DNS resolution when the URL is fetched.
/// </summary>
public sealed class AudioUrlRules(UrlPolicy policy)
{
    /// <summary>An error message, or null when the URL is acceptable.</summary>
    public string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return $"audio_url '{url}' is not an absolute URL";
        return uri.Scheme switch
        {
            "s3" when string.IsNullOrEmpty(uri.Host) => "audio_url s3:// needs a bucket: s3://bucket/key",
            "s3" when uri.AbsolutePath.Trim('/').Length == 0 => "audio_url s3:// needs an object key: s3://bucket/key",
            "s3" => null,
            "https" or "http" when string.IsNullOrEmpty(uri.Host) => $"audio_url '{url}' has no host",
            _ when policy.Check(uri) is { } why => uri.Scheme is "https" or "http" ? $"audio_url '{url}' is not allowed: {why}" : $"audio_url {why}",
            _ => null,
        };
    }
}
