namespace Foreman.Api;

/// <summary>The JSON submit, for the OpenAPI document: the form's fields but the file. Unknown members are refused.</summary>
internal sealed class SubmitRequest
{
    /// <summary>https:// or s3://bucket/key to fetch the audio from.</summary>
    public required string AudioUrl { get; set; }
    /// <summary>The lyrics or transcript, one line per lyric line, separated by newlines.</summary>
    public required string Lyrics { get; set; }
    /// <summary>Model name; the default model when absent.</summary>
    public string? Model { get; set; }
    /// <summary>json (default), lrc, elrc, srt, vtt or textgrid.</summary>
    public string? Format { get; set; }
    /// <summary>How long the model stays loaded after this job: "5m", "30s", "0" (unload), "-1" (forever), or a number of seconds.</summary>
    public string? KeepAlive { get; set; }
    /// <summary>Fail the job if it has not started within this duration ("10m"), or a number of seconds.</summary>
    public string? Deadline { get; set; }
    /// <summary>ISO 639-1 code of the lyrics (en, fr, es, de, zh, ja...): how numbers are spelled. Default: guessed from the script, else en.</summary>
    public string? Language { get; set; }
    /// <summary>https:// URL that receives the finished job as a signed webhook (Standard Webhooks).</summary>
    public string? CallbackUrl { get; set; }
}
