using System.Text;
using Foreman.Emissions;

namespace Foreman.Alignment.Text;

/// <summary>Splits submitted lyrics into lines, each word of a sung line normalized into vocabulary tokens.</summary>
public static class LyricsParser
{
    private const char ByteOrderMark = '\uFEFF', ZeroWidthSpace = '\u200B', ReplacementCharacter = '\uFFFD';

    /// <summary>
    /// Every non-blank line of <paramref name="lyrics"/>, in order: tag lines (<c>[Chorus]</c>, <c>(x2)</c>) are skipped,
    /// lines with nothing the vocabulary can express are unaligned, the others are sung; words with no tokens stay in
    /// the line's text but are not aligned. Never throws: any string is valid lyrics, possibly with no sung lines.
    /// </summary>
    /// <param name="language">ISO 639-1 code (already validated, see <see cref="Languages.Normalize"/>); null to guess it from the script.</param>
    public static ParsedLyrics Parse(string lyrics, Vocabulary vocabulary, string? language = null)
    {
        var texts = SourceLines(lyrics)
            .Select((line, i) => (SourceLine: i + 1, Text: Clean(line).Trim()))
            .Where(line => line.Text.Length > 0)
            .Select(line => (line.SourceLine, line.Text, Tag: LyricMarkup.TagReason(line.Text)))
            .ToList();
        // Tags are English whatever the song's language ("[Chorus]"): only the sung text tells the script.
        language ??= Languages.Guess(string.Join('\n', texts.Where(line => line.Tag is null).Select(line => line.Text)));
        var normalizer = new TokenNormalizer(vocabulary, language);
        var lines = new List<LyricLine>(texts.Count);
        foreach (var (sourceLine, text, tag) in texts)
        {
            if (tag is not null)
            {
                lines.Add(new LyricLine(sourceLine, text, [], LineStatus.Skipped, tag));
                continue;
            }
            var words = new List<LyricWord>();
            foreach (var word in DisplayWords.Split(LyricMarkup.RemoveInlineMarkers(text)))
            {
                var tokens = normalizer.Normalize(word);
                if (tokens.Count > 0) words.Add(new LyricWord(word, tokens));
            }
            lines.Add(words.Count > 0
                ? new LyricLine(sourceLine, text, words)
                : new LyricLine(sourceLine, text, [], LineStatus.Unaligned, LineReasons.NothingToAlign));
        }
        return new ParsedLyrics(language, lines);
    }

    // \r\n, \r and \n each end a line, so SourceLine matches what any editor shows.
    internal static IEnumerable<string> SourceLines(string lyrics)
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
