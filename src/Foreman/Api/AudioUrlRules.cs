namespace Foreman.Api;

/// <summary>Which <c>audio_url</c> forms a submit may use. Address checks (SSRF) happen again when the URL is fetched.</summary>
public static class AudioUrlRules
{
    /// <summary>An error message, or null when the URL is acceptable.</summary>
    public static string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return $"audio_url '{url}' is not an absolute URL";
        return uri.Scheme switch
        {
            "s3" when string.IsNullOrEmpty(uri.Host) => "audio_url s3:// needs a bucket: s3://bucket/key",
            "s3" when uri.AbsolutePath.Trim('/').Length == 0 => "audio_url s3:// needs an object key: s3://bucket/key",
            "s3" => null,
            "https" or "http" => null,
            _ => $"audio_url scheme '{uri.Scheme}' is not supported; use https:// or s3://",
        };
    }
}
