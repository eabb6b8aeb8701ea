using System.Net;
using System.Net.Sockets;

namespace Foreman.Inputs.Http;

/// <summary>
/// Addresses an <c>audio_url</c> may never reach (SSRF): every range of the IANA IPv4 and IPv6 special-purpose address
/// registries that is not globally reachable, plus multicast. IPv6 forms that carry an IPv4 address (mapped, NAT64,
/// 6to4) are judged by that address.
/// </summary>
public static class BlockedAddresses
{
    private static readonly (IPNetwork Network, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (this network)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local (cloud metadata)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol (cloud metadata)"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation (TEST-NET-1)"),
        (IPNetwork.Parse("192.88.99.0/24"), "a deprecated 6to4 relay"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation (TEST-NET-2)"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation (TEST-NET-3)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved"),
        (IPNetwork.Parse("::/128"), "an unspecified"),
        (IPNetwork.Parse("::1/128"), "a loopback"),
        (IPNetwork.Parse("::/96"), "a deprecated IPv4-compatible"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64"),
        (IPNetwork.Parse("100::/64"), "a discard-only"),
        (IPNetwork.Parse("100:0:0:1::/64"), "a dummy"),
        (IPNetwork.Parse("2001::/23"), "an IETF protocol (Teredo, benchmarking, ORCHID)"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation"),
        (IPNetwork.Parse("3fff::/20"), "a documentation"),
        (IPNetwork.Parse("5f00::/16"), "a segment-routing (SRv6 SID)"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local"),
        (IPNetwork.Parse("fec0::/10"), "a deprecated site-local"),
        (IPNetwork.Parse("ff00::/8"), "a multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why <paramref name="address"/> is blocked ("a loopback address"), or null when it is public.</summary>
    public static string? Why(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return Why(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address)) return Why(new IPAddress(bytes.AsSpan(12, 4)));
            if (SixToFour.Contains(address)) return Why(new IPAddress(bytes.AsSpan(2, 4)));
        }
        foreach (var (network, kind) in Ranges)
        {
            if (network.Contains(address)) return kind + " address";
        }
        return null;
    }
}
