namespace Foreman.Api.Access;

/// <summary>
/// What the API keys (<c>Foreman:ApiKeys</c>) protect beyond <c>/api/*</c> (section <c>Foreman:Auth</c>). Health and
/// metrics stay open by default, so orchestrators and Prometheus need no key.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Foreman:Auth";

    /// <summary>Require a key for <c>/health</c>, <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public bool ProtectHealth { get; set; }

    /// <summary>Require a key for <c>/metrics</c>.</summary>
    public bool ProtectMetrics { get; set; }
}
