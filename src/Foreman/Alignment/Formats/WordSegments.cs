namespace Foreman.Alignment.Formats;

/// <summary>
/// A line's text cut into one piece per aligned word, for the karaoke formats: each piece runs from the start of the
/// word's whitespace-separated token to the next word's, so punctuation and words that were not aligned (<c>♥</c>)
/// stay on screen.
/// </summary>
internal static class WordSegments
{
    /// <summary>Each word with its piece of <see cref="AlignedLine.Text"/> (trailing whitespace trimmed); the word texts alone when they cannot be found in order in the line.</summary>
    public static IReadOnlyList<(AlignedWord Word, string Text)> Of(AlignedLine line)
    {
        var text = line.Text;
        var starts = new List<int>(line.Words.Count);
        var cursor = 0;
        foreach (var word in line.Words)
        {
            var found = word.Text.Length == 0 ? -1 : text.IndexOf(word.Text, cursor, StringComparison.Ordinal);
            if (found < 0) return line.Words.Select(w => (w, w.Text)).ToList();
            var tokenStart = found;
            while (tokenStart > cursor && !char.IsWhiteSpace(text[tokenStart - 1])) tokenStart--;
            starts.Add(starts.Count == 0 ? 0 : tokenStart);
            cursor = found + word.Text.Length;
        }
        return line.Words
            .Select((word, i) => (word, text[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : text.Length)].Trim()))
            .ToList();
    }
}
