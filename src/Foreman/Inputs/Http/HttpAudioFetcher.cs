using System.Net;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs.Http;

/// <summary>
/// Downloads http(s) audio with SSRF protection: the <see cref="GuardedConnector"/> connects only to an address that
/// passed <see cref="UrlPolicy.CheckAddress"/>, so DNS rebinding cannot slip past the check; redirects are
/// followed by hand, each hop checked again; no proxy (it would connect for us, past the check).
/// </summary>
public sealed class HttpAudioFetcher : IDisposable
{
    private readonly UrlPolicy _policy;
    private readonly HttpInputOptions _options;
    private readonly HttpClient _client;

    public HttpAudioFetcher(UrlPolicy policy, GuardedConnector connector, IOptions<HttpInputOptions> options)
    {
        _policy = policy;
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = connector.ConnectAsync,
        };
        // The input stage's pipeline times each try; HttpClient's own 100 s default would cut large downloads short.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd($"Foreman/{typeof(HttpAudioFetcher).Assembly.GetName().Version}");
    }

    /// <exception cref="UnusableAudioException">Blocked, unresolvable, not found, too large, or too many redirects (permanent).</exception>
    /// <exception cref="TransientInputException">A refused connection, a 5xx, 408 or 429: a later try may work.</exception>
    public async Task DownloadAsync(Uri url, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            try
            {
                using var response = await _client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects == _options.MaxRedirects)
                        throw new UnusableAudioException($"{url} redirects more than {_options.MaxRedirects} times");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (_policy.Check(next) is { } why)
                        throw new UnusableAudioException($"{url} redirects to {next}, which is blocked: {why}");
                    current = next;
                    continue;
                }
                ThrowOnFailure(current, response.StatusCode, response.ReasonPhrase);
                if (response.Content.Headers.ContentLength > maxBytes) throw LimitedFile.TooLarge(url.ToString(), maxBytes);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await LimitedFile.DownloadAsync(body, path, maxBytes, url.ToString(), cancellationToken);
                return;
            }
            catch (HttpRequestException e) when (GuardedConnector.Blocked(e) is { } blocked)
            {
                throw new UnusableAudioException($"{current} cannot be fetched: {blocked.Message}", e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new TransientInputException($"{current} could not be fetched: {e.Message}", e);
            }
        }
    }

    private static void ThrowOnFailure(Uri url, HttpStatusCode status, string? reason)
    {
        if ((int)status is >= 200 and < 300) return;
        var message = $"{url} answered {(int)status} {reason}".TrimEnd();
        if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            throw new TransientInputException(message);
        throw new UnusableAudioException(message);
    }

    public void Dispose() => _client.Dispose();
}
