namespace Foreman.Models;

/// <summary>
/// A cheap structural check of an ONNX file, run before the resident model is unloaded for it: the file must be a
/// well-formed protobuf message (every top-level field's tag, wire type and length fits, and the last one ends at the end
/// of the file). A truncated download or a file of garbage fails here in microseconds, so it never evicts a healthy
/// model; only the header of each field is read, so a large model costs a few seeks.
/// </summary>
internal static class OnnxFileCheck
{
    /// <exception cref="InvalidDataException">The file is empty or not a protobuf message; the message says where.</exception>
    public static void Verify(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
        if (stream.Length == 0) throw new InvalidDataException($"{path} is empty");
        while (stream.Position < stream.Length)
        {
            var at = stream.Position;
            var tag = ReadVarint(stream, path);
            var (field, wireType) = (tag >> 3, (int)(tag & 7));
            if (field == 0) throw Corrupt(path, at, "field number 0");
            ulong skip = 0;
            switch (wireType)
            {
                case 0: ReadVarint(stream, path); break; // a varint's bytes are its value
                case 1: skip = 8; break;
                case 2: skip = ReadVarint(stream, path); break;
                case 5: skip = 4; break;
                default: throw Corrupt(path, at, $"wire type {wireType}"); // 3 and 4 (groups) are not used by ONNX
            }
            if (skip > (ulong)(stream.Length - stream.Position)) throw Corrupt(path, at, "a field that runs past the end of the file");
            stream.Seek((long)skip, SeekOrigin.Current);
        }
    }

    private static ulong ReadVarint(Stream stream, string path)
    {
        var at = stream.Position;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0) throw Corrupt(path, at, "a number cut off by the end of the file");
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw Corrupt(path, at, "a number longer than 10 bytes");
    }

    private static InvalidDataException Corrupt(string path, long offset, string what) =>
        new($"{path} is not an ONNX model: {what} at byte {offset}");
}
