using Foreman.Models;

namespace Foreman.Alignment.Text;

/// <summary>Splits submitted lyrics into the lines that are sung, each word normalized into vocabulary tokens.</summary>
public static class LyricsParser
{
    // First cut: whitespace words, letters mapped to the vocabulary's case, other characters dropped.
    public static IReadOnlyList<LyricLine> Parse(string lyrics, Vocabulary vocabulary)
    {
        var lines = new List<LyricLine>();
        var sourceLines = lyrics.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < sourceLines.Length; i++)
        {
            var text = sourceLines[i].Trim();
            var words = new List<LyricWord>();
            foreach (var raw in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var tokens = new List<string>();
                foreach (var c in raw)
                {
                    var token = (vocabulary.LetterCase == LetterCase.Lower ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToString();
                    if (vocabulary.TryGetId(token, out _)) tokens.Add(token);
                }
                if (tokens.Count > 0) words.Add(new LyricWord(raw, tokens));
            }
            if (words.Count > 0) lines.Add(new LyricLine(i + 1, text, words));
        }
        return lines;
    }
}
