using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs.Http;

/// <summary>
/// The connect step of every outbound HTTP client Foreman has (audio downloads, webhooks): resolves the host itself and
/// connects only to an address that passes <see cref="UrlPolicy.CheckAddress"/>, so DNS rebinding cannot slip past the
/// URL check. Use it as <see cref="SocketsHttpHandler.ConnectCallback"/>, with no proxy (it would connect for us).
/// </summary>
public sealed class GuardedConnector(UrlPolicy policy, IOptions<HttpInputOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ResolveRetryDelay = TimeSpan.FromSeconds(1);

    /// <exception cref="BlockedAddressException">Every address of the host is blocked, it has none, or it does not resolve.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(a => policy.CheckAddress(host, a) is null).ToArray();
        if (allowed.Length == 0)
            throw new BlockedAddressException(addresses.Length == 0 ? $"{host} has no address" : policy.CheckAddress(host, addresses[0])!);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The host's addresses. "No such host" is asked again for <see cref="HttpInputOptions.ResolveBudget"/> (a DNS
    /// change may be propagating), then it is permanent: retrying it for minutes only holds the job.
    /// </summary>
    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
            {
                if (time.GetElapsedTime(started) + ResolveRetryDelay > options.Value.ResolveBudget)
                    throw new BlockedAddressException($"{host} does not resolve ({e.Message})");
                await Task.Delay(ResolveRetryDelay, time, cancellationToken);
            }
        }
    }

    /// <summary>The blocked-address error inside <paramref name="e"/> (an <see cref="HttpRequestException"/>), or null.</summary>
    internal static BlockedAddressException? Blocked(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException blocked) return blocked;
        }
        return null;
    }
}
