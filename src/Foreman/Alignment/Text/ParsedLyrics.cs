namespace Foreman.Alignment.Text;

/// <summary>Submitted lyrics, read once: every non-blank line with its status, and the language they were read in.</summary>
public sealed class ParsedLyrics
{
    public ParsedLyrics(string language, IReadOnlyList<LyricLine> lines)
    {
        Language = language;
        Lines = lines;
        Sung = lines.Where(line => line.Status == LineStatus.Aligned).ToList();
    }

    /// <summary>ISO 639-1 code numbers were spelled in: the one asked for, or guessed from the script.</summary>
    public string Language { get; }

    /// <summary>Every non-blank line, in order.</summary>
    public IReadOnlyList<LyricLine> Lines { get; }

    /// <summary>The lines to align (those with words), in order.</summary>
    public IReadOnlyList<LyricLine> Sung { get; }
}
