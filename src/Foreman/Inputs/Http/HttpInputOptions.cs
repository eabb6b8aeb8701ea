using System.ComponentModel.DataAnnotations;

namespace Foreman.Inputs.Http;

/// <summary>How <c>http(s)://</c> audio is fetched (section <c>Foreman:Http</c>). See docs/security.md for the SSRF rules.</summary>
public sealed class HttpInputOptions
{
    public const string Section = "Foreman:Http";

    /// <summary>Host names or IP literals trusted to be fetched even when they resolve to a blocked (private, loopback...) address.</summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Accept plain <c>http://</c> URLs (and redirects to them); off by default, only <c>https://</c>.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Redirects followed per download, each one checked again.</summary>
    [Range(0, 20)] public int MaxRedirects { get; set; } = 5;

    /// <summary>Longest wait for a TCP connection to open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a host name that does not exist (NXDOMAIN) is asked again before its job fails for good.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan ResolveBudget { get; set; } = TimeSpan.FromSeconds(3);
}
