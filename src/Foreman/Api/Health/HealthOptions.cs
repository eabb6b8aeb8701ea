using System.ComponentModel.DataAnnotations;

namespace Foreman.Api;

/// <summary>Section <c>Foreman:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Foreman:Health";

    /// <summary>A worker whose heartbeat is older than this is stuck: readiness fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan WorkerStallLimit { get; set; } = TimeSpan.FromSeconds(60);
}
