using System.Text;
using Foreman.Models;

namespace Foreman.Alignment.Text;

/// <summary>Splits submitted lyrics into the lines that are sung, each word normalized into vocabulary tokens.</summary>
public static class LyricsParser
{
    private const char ByteOrderMark = '\uFEFF', ZeroWidthSpace = '\u200B', ReplacementCharacter = '\uFFFD';

    /// <summary>
    /// The sung lines of <paramref name="lyrics"/>, in order. Blank lines, tag lines (<c>[Chorus]</c>, <c>(x2)</c>) and
    /// lines with nothing the vocabulary can express are skipped; words with no tokens stay in the line's text but are not aligned.
    /// Never throws: any string is valid lyrics, possibly with no sung lines.
    /// </summary>
    public static IReadOnlyList<LyricLine> Parse(string lyrics, Vocabulary vocabulary)
    {
        var normalizer = new TokenNormalizer(vocabulary);
        var lines = new List<LyricLine>();
        var sourceLine = 0;
        foreach (var line in SourceLines(lyrics))
        {
            sourceLine++;
            var text = Clean(line).Trim();
            if (LyricMarkup.IsTagLine(text)) continue;
            var words = new List<LyricWord>();
            foreach (var word in DisplayWords.Split(LyricMarkup.RemoveInlineMarkers(text)))
            {
                var tokens = normalizer.Normalize(word);
                if (tokens.Count > 0) words.Add(new LyricWord(word, tokens));
            }
            if (words.Count > 0) lines.Add(new LyricLine(sourceLine, text, words));
        }
        return lines;
    }

    // \r\n, \r and \n each end a line, so SourceLine matches what any editor shows.
    private static IEnumerable<string> SourceLines(string lyrics)
    {
        var start = 0;
        for (var i = 0; i < lyrics.Length; i++)
        {
            if (lyrics[i] is not ('\r' or '\n')) continue;
            yield return lyrics[start..i];
            if (lyrics[i] == '\r' && i + 1 < lyrics.Length && lyrics[i + 1] == '\n') i++;
            start = i + 1;
        }
        yield return lyrics[start..];
    }

    // Control characters (NUL from a binary paste, tabs, form feeds) and zero-width spaces separate words; a byte-order
    // mark is dropped; a lone surrogate becomes U+FFFD, so nothing downstream sees invalid UTF-16.
    private static string Clean(string line)
    {
        var clean = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsControl(c) || c == ZeroWidthSpace) clean.Append(' ');
            else if (c == ByteOrderMark) continue;
            else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])) clean.Append(c).Append(line[++i]);
            else if (char.IsSurrogate(c)) clean.Append(ReplacementCharacter);
            else clean.Append(c);
        }
        return clean.ToString();
    }
}
