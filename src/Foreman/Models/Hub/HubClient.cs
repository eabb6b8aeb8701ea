using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Foreman.Models.Hub;

/// <summary>A file of a hub repository, with the size and sha256 the hub publishes for it when it does (LFS files).</summary>
public sealed record HubFile(string Path, long? Size, string? Sha256);

/// <summary>The files of one revision, and the commit the revision resolved to (null when the hub did not say).</summary>
public sealed record HubListing(string? Commit, IReadOnlyList<HubFile> Files);

/// <summary>
/// HTTP access to a Hugging Face-style hub: the revision API (file listing with LFS sizes and hashes) and the
/// <c>resolve</c> URLs that serve files, with the token and the LFS headers (<c>X-Linked-Size</c>, <c>X-Linked-ETag</c>)
/// handled as huggingface.co expects.
/// </summary>
public sealed class HubClient : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly string? _token;
    private readonly TimeSpan _headersTimeout;

    public HubClient(HubOptions options)
    {
        _base = new Uri(options.BaseUrl.TrimEnd('/') + "/");
        _token = options.Token;
        _headersTimeout = options.StallTimeout;
        // Redirects are followed by hand: the LFS headers come on the hub's redirect, and the token must not follow
        // it to the storage host (as huggingface_hub does). Body reads have their own stall timeout.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("foreman", typeof(HubClient).Assembly.GetName().Version?.ToString(3)));
    }

    public string BaseUrl => _base.ToString().TrimEnd('/');

    /// <summary>The files of a revision, from <c>/api/models/{owner}/{name}/revision/{revision}?blobs=true</c>.</summary>
    /// <returns>null when the hub answers without a usable listing (a plain mirror): the caller probes for files.</returns>
    /// <exception cref="ModelPullException">The hub wants a token or refused it.</exception>
    public async Task<HubListing?> ListAsync(HubModelReference reference, CancellationToken cancellationToken)
    {
        var url = new Uri(_base, $"api/models/{reference.Owner}/{reference.Name}/revision/{Uri.EscapeDataString(reference.Revision)}?blobs=true");
        using var response = await SendAsync(HttpMethod.Get, url, from: 0, cancellationToken);
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw Refusal(reference, path: null, response);
        if (!response.Message.IsSuccessStatusCode) return null;
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Message.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (!json.RootElement.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array) return null;
            var commit = json.RootElement.TryGetProperty("sha", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null;
            return new HubListing(commit, siblings.EnumerateArray().Select(ToFile).OfType<HubFile>().ToList());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the hub says about one file (HEAD on its resolve URL); null when the revision has no such file.</summary>
    /// <exception cref="ModelPullException">The hub wants a token or refused it.</exception>
    public async Task<HubFile?> ProbeAsync(HubModelReference reference, string revision, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, ResolveUrl(reference, revision, path), from: 0, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound) return null;
        EnsureSuccess(reference, path, response);
        return new HubFile(path, response.LinkedSize ?? response.Message.Content.Headers.ContentLength, response.LinkedSha256);
    }

    /// <summary>Starts downloading a file from byte <paramref name="from"/> (a Range request when above 0).</summary>
    /// <exception cref="ModelPullException">The file is not there, or the hub wants a token or refused it.</exception>
    public async Task<HubResponse> GetAsync(HubModelReference reference, string revision, string path, long from, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, ResolveUrl(reference, revision, path), from, cancellationToken);
        if (response.Status != HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            try { EnsureSuccess(reference, path, response); }
            catch { response.Dispose(); throw; }
        }
        return response;
    }

    public void Dispose() => _http.Dispose();

    private Uri ResolveUrl(HubModelReference reference, string revision, string path) =>
        new(_base, $"{reference.Owner}/{reference.Name}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}");

    private async Task<HubResponse> SendAsync(HttpMethod method, Uri url, long from, CancellationToken cancellationToken)
    {
        long? linkedSize = null;
        string? linkedSha256 = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
            // The token goes to the hub only, never to the storage host it redirects LFS downloads to.
            if (_token is not null && Uri.Compare(url, _base, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_headersTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{url.GetLeftPart(UriPartial.Path)} did not answer within {_headersTimeout}", e);
            }
            linkedSize ??= long.TryParse(Header(response, "X-Linked-Size"), out var size) ? size : null;
            linkedSha256 ??= Sha256Of(Header(response, "X-Linked-ETag"));
            var redirect = (int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is not null;
            if (!redirect) return new HubResponse(response, linkedSize, linkedSha256);
            var next = new Uri(url, response.Headers.Location!);
            response.Dispose();
            if (hop == MaxRedirects) throw new HttpRequestException($"more than {MaxRedirects} redirects from {url.GetLeftPart(UriPartial.Path)}");
            url = next;
        }
    }

    private static HubFile? ToFile(JsonElement sibling)
    {
        if (!sibling.TryGetProperty("rfilename", out var name) || name.GetString() is not { } path) return null;
        long? size = sibling.TryGetProperty("size", out var s) && s.TryGetInt64(out var bytes) ? bytes : null;
        string? sha256 = null;
        if (sibling.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
        {
            if (lfs.TryGetProperty("size", out var ls) && ls.TryGetInt64(out var lfsBytes)) size = lfsBytes;
            if (lfs.TryGetProperty("sha256", out var hash) && hash.ValueKind == JsonValueKind.String) sha256 = Sha256Of(hash.GetString());
        }
        return new HubFile(path, size, sha256);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // An LFS ETag is the object's sha256, quoted and maybe weak (W/"..."); a git blob's ETag is a sha1 and is ignored.
    private static string? Sha256Of(string? etag)
    {
        var value = etag?.Trim();
        if (value is null) return null;
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"').ToLowerInvariant();
        return value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value : null;
    }

    private void EnsureSuccess(HubModelReference reference, string path, HubResponse response)
    {
        if (response.Message.IsSuccessStatusCode) return;
        if (response.Status == HttpStatusCode.NotFound)
            throw new ModelPullException(PullFailure.NotFound, $"{reference} has no {path} on {BaseUrl} (404){Reason(response)}");
        if (response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) throw Refusal(reference, path, response);
        // Anything else (5xx, a proxy's error page) may pass: the download retries it.
        throw new HttpRequestException($"{path}: the hub answered {(int)response.Status} {response.Message.ReasonPhrase}{Reason(response)}", null, response.Status);
    }

    private ModelPullException Refusal(HubModelReference reference, string? path, HubResponse response)
    {
        var what = path is null ? reference.ToString() : $"{path} of {reference}";
        var message = (response.Status, _token) switch
        {
            (HttpStatusCode.Unauthorized, null) =>
                $"{BaseUrl} wants a token for {what} (401): the repository is private or gated, or does not exist. Set {HubOptions.TokenVariable} (or Foreman:Hub:Token)",
            (HttpStatusCode.Unauthorized, _) =>
                $"{BaseUrl} refused the token for {what} (401): check {HubOptions.TokenVariable}, or whether the repository exists",
            _ => $"{BaseUrl} denies access to {what} (403): for a gated model, accept its terms on the hub with the account the token belongs to",
        };
        return new ModelPullException(PullFailure.Unauthorized, message + Reason(response));
    }

    // huggingface.co explains refusals in X-Error-Message.
    private static string Reason(HubResponse response) => Header(response.Message, "X-Error-Message") is { Length: > 0 } reason ? $": {reason}" : "";
}

/// <summary>A hub response after redirects, with the LFS size and sha256 seen on the way (null when the hub sent none).</summary>
public sealed class HubResponse(HttpResponseMessage message, long? linkedSize, string? linkedSha256) : IDisposable
{
    public HttpResponseMessage Message { get; } = message;
    public HttpStatusCode Status => Message.StatusCode;
    public long? LinkedSize { get; } = linkedSize;
    public string? LinkedSha256 { get; } = linkedSha256;

    public void Dispose() => Message.Dispose();
}
