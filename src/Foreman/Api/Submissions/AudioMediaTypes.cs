namespace Foreman.Api;

/// <summary>
/// The media type of a stored upload, from its first bytes: uploads are kept as <c>{id}.audio</c> without the client's
/// name or type, and a browser's audio element plays what it is told it gets.
/// </summary>
public static class AudioMediaTypes
{
    public const string Unknown = "application/octet-stream";

    /// <summary>Every type <see cref="Sniff"/> answers, for the OpenAPI document.</summary>
    public static readonly string[] All = ["audio/wav", "audio/mpeg", "audio/aac", "audio/flac", "audio/ogg", "audio/mp4", "audio/webm", Unknown];

    /// <summary>Reads the first bytes of a seekable stream and puts its position back.</summary>
    public static string Sniff(Stream audio)
    {
        Span<byte> head = stackalloc byte[12];
        head = head[..audio.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        audio.Position = 0;
        return head switch
        {
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => "audio/wav",
            [(byte)'I', (byte)'D', (byte)'3', ..] => "audio/mpeg",
            [0xFF, var sync, ..] when (sync & 0xE0) == 0xE0 && (sync & 0x06) != 0 => "audio/mpeg", // an MPEG audio frame (layer set)
            [0xFF, var adts, ..] when (adts & 0xF6) == 0xF0 => "audio/aac",                           // ADTS: layer bits zero
            [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => "audio/flac",
            [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => "audio/ogg",
            [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => "audio/mp4",
            [0x1A, 0x45, 0xDF, 0xA3, ..] => "audio/webm",
            _ => Unknown,
        };
    }
}
