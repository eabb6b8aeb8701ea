namespace Foreman.Bench;

/// <summary>A quiet sine tone as 16-bit mono PCM WAV bytes: a valid upload that needs no file on disk.</summary>
public static class ToneWav
{
    public static byte[] Create(double seconds, int sampleRate = 16000)
    {
        var samples = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
            writer.Write((short)(3000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate)));
        writer.Flush();
        return stream.ToArray();
    }
}
