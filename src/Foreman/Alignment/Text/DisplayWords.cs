using System.Text;

namespace Foreman.Alignment.Text;

/// <summary>
/// The words of a lyric line as they are shown: whitespace-separated, edge punctuation stripped; Han and kana
/// characters are each a word of their own (a small kana or ー stays with the character before it), so karaoke can
/// light every character of an unspaced Chinese or Japanese line.
/// </summary>
internal static class DisplayWords
{
    // Quotes (straight, curly, guillemets, CJK corner brackets), sentence punctuation (also CJK and full width),
    // brackets and free-standing dashes; inner apostrophes and hyphens survive because only the edges are stripped
    // (Don’t, rock-n-roll).
    private static readonly char[] EdgePunctuation =
        "\"'‘’‚‛“”„‟«»‹›`´,.!?¡¿…;:()[]{}*~-‐‒–—―、。，．！？；：「」『』（）［］｛｝【】〈〉《》〔〕・～〜‥＂＇".ToCharArray();

    /// <summary>The line's words, in order; a token that is only punctuation (a free-standing em dash) is not a word.</summary>
    public static IEnumerable<string> Split(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(SplitSyllabic)
            .Select(token => token.Trim(EdgePunctuation))
            .Where(word => word.Length > 0);

    // "我爱你" → 我, 爱, 你; "きょうは" → きょ, う, は; "I爱you" → I, 爱, you.
    private static IEnumerable<string> SplitSyllabic(string token)
    {
        var piece = new StringBuilder();
        var syllable = false;
        foreach (var rune in token.EnumerateRunes())
        {
            var starts = Scripts.IsSyllabic(rune);
            if (piece.Length > 0 && (starts || (syllable && !Scripts.JoinsPrevious(rune))))
            {
                yield return piece.ToString();
                piece.Clear();
            }
            piece.Append(rune.ToString());
            if (starts) syllable = true;
            else if (!syllable || !Scripts.JoinsPrevious(rune)) syllable = false;
        }
        if (piece.Length > 0) yield return piece.ToString();
    }
}
