using System.ComponentModel.DataAnnotations;

namespace Foreman.Api;

/// <summary>Limits and waits of the HTTP API (section <c>Foreman:Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string Section = "Foreman:Api";

    /// <summary>How long <c>POST /api/v1/align</c> waits for its job before answering 202 with the job to poll.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest audio upload; beyond it the request gets 413.</summary>
    [Range(1, long.MaxValue)] public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest lyrics text, in UTF-8 bytes.</summary>
    [Range(1, 64 * 1024 * 1024)] public int MaxLyricsBytes { get; set; } = 1024 * 1024;
}
