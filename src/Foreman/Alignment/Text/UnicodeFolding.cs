using System.Text;

namespace Foreman.Alignment.Text;

/// <summary>
/// The Unicode normalization lyrics need, without ICU: the app runs with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text unchanged.
/// </summary>
internal static class UnicodeFolding
{
    private static readonly Dictionary<(char Base, char Mark), char> Compositions = CanonicalPairs.All().ToDictionary(p => (p.Base, p.Mark), p => p.Composed);
    private static readonly Dictionary<char, (char Base, char Mark)> Decompositions = CanonicalPairs.All().ToDictionary(p => p.Composed, p => (p.Base, p.Mark));

    // The compatibility characters that turn up in pasted lyrics; NFKC folds these (and more) the same way.
    private static readonly Dictionary<char, string> Compatibility = new()
    {
        ['ﬀ'] = "ff", ['ﬁ'] = "fi", ['ﬂ'] = "fl", ['ﬃ'] = "ffi", ['ﬄ'] = "ffl", ['ﬅ'] = "st", ['ﬆ'] = "st",
        ['ſ'] = "s", ['Ĳ'] = "IJ", ['ĳ'] = "ij",
        ['⁰'] = "0", ['¹'] = "1", ['²'] = "2", ['³'] = "3", ['⁴'] = "4", ['⁵'] = "5", ['⁶'] = "6", ['⁷'] = "7", ['⁸'] = "8", ['⁹'] = "9",
        ['₀'] = "0", ['₁'] = "1", ['₂'] = "2", ['₃'] = "3", ['₄'] = "4", ['₅'] = "5", ['₆'] = "6", ['₇'] = "7", ['₈'] = "8", ['₉'] = "9",
    };

    // Letters with no decomposition that have a customary spelling in base Latin letters (keys lower case).
    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    private const char FirstFullWidth = '！', LastFullWidth = '～', FullWidthOffset = (char)('！' - '!');

    /// <summary>
    /// Approximates NFKC: folds full-width forms, ligatures and super/subscript digits, and composes a letter with a
    /// following combining mark (<c>e</c> + U+0301 → <c>é</c>, as macOS pastes it) where Unicode has the composed letter.
    /// </summary>
    public static string Compose(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= FirstFullWidth and <= LastFullWidth) folded.Append((char)(c - FullWidthOffset));
            else if (Compatibility.TryGetValue(c, out var replacement)) folded.Append(replacement);
            else if (folded.Length > 0 && Compositions.TryGetValue((folded[^1], c), out var composed)) folded[^1] = composed;
            else folded.Append(c);
        }
        return folded.ToString();
    }

    /// <summary>
    /// A letter spelled in simpler letters, for a vocabulary that lacks it: its full canonical decomposition
    /// (<c>ệ</c> → <c>e</c> + U+0323 + U+0302) or a customary transliteration (<c>ß</c> → <c>ss</c>); null when there is neither.
    /// </summary>
    public static string? Decompose(Rune letter)
    {
        if (!letter.IsBmp) return null;
        var c = (char)letter.Value;
        if (Decompositions.TryGetValue(c, out var pair)) return (Decompose(new Rune(pair.Base)) ?? pair.Base.ToString()) + pair.Mark;
        return Transliterations.TryGetValue(char.ToLowerInvariant(c), out var spelled) ? spelled : null;
    }
}
