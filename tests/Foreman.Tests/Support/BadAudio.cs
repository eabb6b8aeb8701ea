using System.Text;

namespace Foreman.Tests.Support;

/// <summary>Uploads that are not audio, for the bad-input catalogue (docs/security.md).</summary>
public static class BadAudio
{
    /// <summary>A WAV header whose format chunk is garbage, followed by bytes that are no sound.</summary>
    public static byte[] CorruptWav { get; } =
        [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVEfmt "u8, 0x10, 0, 0, 0, .. Enumerable.Repeat((byte)0xFF, 16), .. "data"u8, 0x10, 0, 0, 0,
         .. Enumerable.Range(0, 1024).Select(i => (byte)i)];

    /// <summary>A text file, as if lyrics were sent in the audio field under an .mp3 name.</summary>
    public static byte[] Text { get; } = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("These are the lyrics, not audio.\nLa la la.\n", 20)));

    /// <summary>A 1×1 PNG: a file ffprobe reads, with a video stream and no audio.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}
