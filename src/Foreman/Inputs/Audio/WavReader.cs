using System.Buffers.Binary;

namespace Foreman.Inputs.Audio;

/// <summary>
/// Reads uncompressed PCM WAV (16/24/32-bit integer, 32-bit float; any channel count, averaged to mono) without ffmpeg.
/// Anything else (compressed WAV, odd headers) is left to ffmpeg by returning false.
/// </summary>
internal static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>The layout of a WAV file's samples.</summary>
    internal sealed record WavLayout(int SampleRate, int Channels, int BitsPerSample, bool IsFloat, long DataOffset, long DataLength);

    /// <summary>Reads the header; false when the file is not a WAV this reader handles.</summary>
    public static bool TryReadLayout(Stream stream, out WavLayout layout)
    {
        layout = null!;
        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12) return false;
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8)) return false;

        int sampleRate = 0, channels = 0, bits = 0;
        var isFloat = false;
        var haveFormat = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) == 8)
        {
            var id = chunkHeader[..4];
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > 1024) return false;
                var fmt = new byte[size];
                if (stream.ReadAtLeast(fmt, (int)size, throwOnEndOfStream: false) < size) return false;
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(2));
                sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt.AsSpan(4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(14));
                if (tag == FormatExtensible && size >= 26) tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt.AsSpan(24));
                isFloat = tag == FormatFloat;
                if (tag != FormatPcm && tag != FormatFloat) return false;
                if (isFloat ? bits != 32 : bits is not (16 or 24 or 32)) return false;
                if (channels < 1 || sampleRate < 1) return false;
                haveFormat = true;
                if ((size & 1) == 1) stream.Seek(1, SeekOrigin.Current);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (!haveFormat) return false;
                // Streamed WAVs may carry a 0 or 0xFFFFFFFF placeholder size: the data then runs to the end of the file.
                var remaining = stream.Length - stream.Position;
                var length = size == 0 || size > remaining ? remaining : size;
                layout = new WavLayout(sampleRate, channels, bits, isFloat, stream.Position, length);
                return true;
            }
            else
            {
                stream.Seek(size + (size & 1), SeekOrigin.Current);
            }
        }
        return false;
    }

    /// <summary>Reads the samples of <paramref name="layout"/>, averaging channels to mono.</summary>
    public static float[] ReadMono(Stream stream, WavLayout layout, CancellationToken cancellationToken)
    {
        var bytesPerSample = layout.BitsPerSample / 8;
        var frameBytes = bytesPerSample * layout.Channels;
        var frames = layout.DataLength / frameBytes;
        var samples = new float[frames];
        stream.Position = layout.DataOffset;
        var buffer = new byte[frameBytes * 8192];
        var scale = 1f / layout.Channels;
        long written = 0;
        while (written < frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var want = (int)Math.Min(buffer.Length / frameBytes, frames - written) * frameBytes;
            var got = stream.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
            var whole = got / frameBytes;
            for (var f = 0; f < whole; f++)
            {
                var sum = 0f;
                var offset = f * frameBytes;
                for (var c = 0; c < layout.Channels; c++, offset += bytesPerSample)
                    sum += ReadSample(buffer.AsSpan(offset), layout);
                samples[written + f] = sum * scale;
            }
            written += whole;
            if (got < want) break;
        }
        return written == frames ? samples : samples[..(int)written];
    }

    private static float ReadSample(ReadOnlySpan<byte> bytes, WavLayout layout) => layout.BitsPerSample switch
    {
        16 => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768f,
        24 => ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16)) << 8 >> 8) / 8388608f,
        _ when layout.IsFloat => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648f,
    };
}
