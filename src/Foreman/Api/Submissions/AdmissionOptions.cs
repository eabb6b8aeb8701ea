using System.ComponentModel.DataAnnotations;

namespace Foreman.Api;

/// <summary>How much work the API accepts (<c>Foreman__MaxQueued</c>).</summary>
internal sealed class AdmissionOptions
{
    public const string Section = "Foreman";

    /// <summary>Submits beyond this many queued jobs get 503 with Retry-After.</summary>
    [Range(1, int.MaxValue)] public int MaxQueued { get; set; } = 10_000;
}
