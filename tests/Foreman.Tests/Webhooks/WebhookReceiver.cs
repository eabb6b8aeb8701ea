using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver of webhooks on 127.0.0.1 that records every POST and answers with the status the test chooses
/// for each, and verifies signatures the way a Standard Webhooks library does, independently of Foreman's signer.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A secret in the Standard Webhooks form: whsec_ and base64 of 24 bytes.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly LocalHttpServer _server;
    private readonly ConcurrentQueue<Delivery> _received;

    private WebhookReceiver(LocalHttpServer server, ConcurrentQueue<Delivery> received)
    {
        _server = server;
        _received = received;
    }

    public sealed record Delivery(string Id, string Timestamp, string Signature, string Body, int AnsweredWith);

    public string Url => _server.Url("/hook");

    public IReadOnlyList<Delivery> Received => [.. _received];

    public IReadOnlyList<Delivery> Accepted => [.. _received.Where(d => d.AnsweredWith is >= 200 and < 300)];

    /// <param name="answer">The status for the n-th POST (1-based).</param>
    public static async Task<WebhookReceiver> StartAsync(Func<int, int>? answer = null)
    {
        answer ??= _ => 200;
        var received = new ConcurrentQueue<Delivery>();
        var count = 0;
        var server = await LocalHttpServer.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = answer(Interlocked.Increment(ref count));
            received.Enqueue(new Delivery(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, status));
            return Results.StatusCode(status);
        }));
        return new WebhookReceiver(server, received);
    }

    /// <summary>The check a receiver makes: v1, base64 HMAC-SHA256 of "id.timestamp.body" keyed with the decoded secret.</summary>
    public static bool Verifies(Delivery delivery, string secret = Secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        return delivery.Signature.Split(' ').Contains("v1," + expected);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
