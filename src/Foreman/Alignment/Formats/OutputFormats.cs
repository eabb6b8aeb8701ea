namespace Foreman.Alignment.Formats;

/// <summary>The names, HTTP content types and file extensions of the output formats, and the writer for each.</summary>
public static class OutputFormats
{
    /// <summary>Reads a format name, case-insensitively: json, lrc, elrc (enhanced-lrc), srt, vtt (webvtt), textgrid.</summary>
    public static bool TryParse(string? name, out OutputFormat format)
    {
        OutputFormat? parsed = name?.Trim().ToLowerInvariant() switch
        {
            "json" => OutputFormat.Json,
            "lrc" => OutputFormat.Lrc,
            "elrc" or "enhanced-lrc" => OutputFormat.Elrc,
            "srt" => OutputFormat.Srt,
            "vtt" or "webvtt" => OutputFormat.Vtt,
            "textgrid" => OutputFormat.TextGrid,
            _ => null,
        };
        format = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>The canonical name, which <see cref="TryParse"/> reads back.</summary>
    public static string Name(OutputFormat format) => format switch
    {
        OutputFormat.Json => "json",
        OutputFormat.Lrc => "lrc",
        OutputFormat.Elrc => "elrc",
        OutputFormat.Srt => "srt",
        OutputFormat.Vtt => "vtt",
        OutputFormat.TextGrid => "textgrid",
        _ => throw Unknown(format),
    };

    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Json => "application/json",
        OutputFormat.Lrc or OutputFormat.Elrc or OutputFormat.TextGrid => "text/plain; charset=utf-8",
        OutputFormat.Srt => "application/x-subrip",
        OutputFormat.Vtt => "text/vtt; charset=utf-8",
        _ => throw Unknown(format),
    };

    /// <summary>The file extension, with its dot; enhanced LRC uses <c>.lrc</c>, which players expect.</summary>
    public static string FileExtension(OutputFormat format) => format switch
    {
        OutputFormat.Json => ".json",
        OutputFormat.Lrc or OutputFormat.Elrc => ".lrc",
        OutputFormat.Srt => ".srt",
        OutputFormat.Vtt => ".vtt",
        OutputFormat.TextGrid => ".TextGrid",
        _ => throw Unknown(format),
    };

    /// <summary>The document for <paramref name="result"/>, with \n line ends and a final newline.</summary>
    public static string Write(AlignmentResult result, OutputFormat format) => format switch
    {
        OutputFormat.Json => JsonAlignmentWriter.Write(result),
        OutputFormat.Lrc => LrcWriter.Write(result),
        OutputFormat.Elrc => EnhancedLrcWriter.Write(result),
        OutputFormat.Srt => SrtWriter.Write(result),
        OutputFormat.Vtt => WebVttWriter.Write(result),
        OutputFormat.TextGrid => TextGridWriter.Write(result),
        _ => throw Unknown(format),
    };

    private static ArgumentOutOfRangeException Unknown(OutputFormat format) => new(nameof(format), format, "unknown output format");
}
