namespace Foreman.Api;

/// <summary>The submit form, for the OpenAPI document.</summary>
internal sealed class SubmitForm
{
    /// <summary>The audio file (any common format). Either this or audio_url.</summary>
    public IFormFile? Audio { get; set; }
    /// <summary>https:// or s3://bucket/key to fetch the audio from. Either this or audio.</summary>
    public string? AudioUrl { get; set; }
    /// <summary>The lyrics or transcript, one line per lyric line.</summary>
    public required string Lyrics { get; set; }
    /// <summary>Model name; the default model when absent.</summary>
    public string? Model { get; set; }
    /// <summary>json (default), lrc, elrc, srt, vtt or textgrid.</summary>
    public string? Format { get; set; }
    /// <summary>How long the model stays loaded after this job: 5m, 30s, 0 (unload), -1 (forever).</summary>
    public string? KeepAlive { get; set; }
    /// <summary>Fail the job if it has not started within this duration (e.g. 10m).</summary>
    public string? Deadline { get; set; }
    /// <summary>ISO 639-1 code of the lyrics (en, fr, es, de, zh, ja...): how numbers are spelled. Default: guessed from the script, else en.</summary>
    public string? Language { get; set; }
    /// <summary>https:// URL that receives the finished job as a signed webhook (Standard Webhooks).</summary>
    public string? CallbackUrl { get; set; }
}
