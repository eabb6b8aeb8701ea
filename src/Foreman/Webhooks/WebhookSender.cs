using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Foreman.Inputs.Http;
using Microsoft.Extensions.Options;

namespace Foreman.Webhooks;

/// <summary>What became of one POST.</summary>
internal enum WebhookOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,
    /// <summary>A timeout, a refused or broken connection, a 5xx, 408 or 429: a later try may work.</summary>
    Transient,
    /// <summary>Blocked by the SSRF rules, or any other answer (4xx, a redirect): trying again would not help.</summary>
    Permanent,
}

/// <summary>
/// POSTs a signed delivery, with the same SSRF protection as audio downloads (<see cref="GuardedConnector"/>, the URL
/// checked again by <see cref="CallbackUrlRules"/>): no redirects followed, no proxy, at most <c>Timeout</c> per try.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly CallbackUrlRules _rules;
    private readonly WebhookSigner _signer;

    public WebhookSender(GuardedConnector connector, CallbackUrlRules rules, WebhookSigner signer, IOptions<WebhookOptions> options,
        IOptions<HttpInputOptions> http)
    {
        _rules = rules;
        _signer = signer;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = http.Value.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = connector.ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.Value.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd($"Foreman/{typeof(WebhookSender).Assembly.GetName().Version}");
    }

    /// <summary>POSTs <paramref name="body"/> to the delivery's URL, signed at <paramref name="timestamp"/> (Unix seconds).</summary>
    public async Task<(WebhookOutcome Outcome, string Detail)> SendAsync(WebhookDelivery delivery, string body, long timestamp, CancellationToken stopping)
    {
        if (_rules.Check(delivery.Url) is { } refused) return (WebhookOutcome.Permanent, refused);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", _signer.Sign(delivery.MessageId, timestamp, body));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stopping);
            var status = (int)response.StatusCode;
            var answer = $"answered {status} {response.ReasonPhrase}".TrimEnd();
            if (status is >= 200 and < 300) return (WebhookOutcome.Delivered, answer);
            return status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? (WebhookOutcome.Transient, answer)
                : (WebhookOutcome.Permanent, answer);
        }
        catch (HttpRequestException e) when (GuardedConnector.Blocked(e) is { } blocked)
        {
            return (WebhookOutcome.Permanent, $"blocked: {blocked.Message}");
        }
        catch (HttpRequestException e)
        {
            return (WebhookOutcome.Transient, $"could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (WebhookOutcome.Transient, $"did not answer within {_client.Timeout.TotalSeconds:0.###} s");
        }
    }

    public void Dispose() => _client.Dispose();
}
