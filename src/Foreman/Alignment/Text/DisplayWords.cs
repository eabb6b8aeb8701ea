namespace Foreman.Alignment.Text;

/// <summary>The words of a lyric line as they are shown: whitespace-separated, edge punctuation stripped.</summary>
internal static class DisplayWords
{
    // Quotes (straight, curly, guillemets), sentence punctuation, brackets and free-standing dashes; inner
    // apostrophes and hyphens survive because only the edges are stripped (Don’t, rock-n-roll).
    private static readonly char[] EdgePunctuation = "\"'‘’‚‛“”„‟«»‹›`´,.!?¡¿…;:()[]{}*~-‐‒–—―".ToCharArray();

    /// <summary>The line's words, in order; a token that is only punctuation (a free-standing em dash) is not a word.</summary>
    public static IEnumerable<string> Split(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.Trim(EdgePunctuation))
            .Where(word => word.Length > 0);
}
