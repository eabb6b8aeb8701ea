using System.Collections.Frozen;
using System.Text;

namespace Foreman.Alignment.Text;

/// <summary>
/// The <c>language</c> of lyrics: an ISO 639-1 code that picks how numbers are spelled, given by the client or guessed
/// from the script the lyrics are written in.
/// </summary>
public static class Languages
{
    /// <summary>What lyrics in a Latin script, or with no letters at all, are taken to be.</summary>
    public const string Default = "en";

    // ISO 639-1: every two-letter code, and the withdrawn "iw", "in" and "ji" that old systems still send.
    private static readonly FrozenSet<string> Codes = (
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en " +
        "eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw " +
        "ja ji jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb " +
        "nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss " +
        "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, NumberSpeller> Spellers = new NumberSpeller[]
    {
        EnglishNumbers.Instance, FrenchNumbers.Instance, SpanishNumbers.Instance, GermanNumbers.Instance,
    }.ToFrozenDictionary(s => s.Language, StringComparer.Ordinal);

    /// <summary>The languages whose numbers are spelled in their own words; the others' numbers are spelled in English.</summary>
    public static IEnumerable<string> WithNumberWords => Spellers.Keys.Order(StringComparer.Ordinal);

    /// <summary>The code in canonical form (trimmed, lower case, "en-US" → "en"), or null when it is not an ISO 639-1 code.</summary>
    public static string? Normalize(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var code = language.Trim().ToLowerInvariant();
        // A BCP 47 tag's region or script ("pt-BR", "zh_Hant") does not change how numbers or letters are read here.
        var end = code.IndexOfAny(['-', '_']);
        if (end >= 0) code = code[..end];
        return Codes.Contains(code) ? code : null;
    }

    /// <summary>
    /// The language the script of <paramref name="lyrics"/> suggests: any kana → ja; else the script with the most
    /// letters, when it is not Latin (Han → zh, Hangul → ko, Cyrillic → ru, or uk with і, ї, є or ґ, Greek → el, Arabic → ar, Hebrew → he,
    /// Thai → th, Devanagari → hi); else <see cref="Default"/>.
    /// </summary>
    public static string Guess(string lyrics)
    {
        var letters = new Dictionary<string, int>(StringComparer.Ordinal);
        var latin = 0;
        var ukrainian = false;
        foreach (var rune in lyrics.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            if (Scripts.IsKana(rune)) return "ja";
            ukrainian |= rune.Value is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ';
            if (ScriptLanguage(rune.Value) is { } language) letters[language] = letters.GetValueOrDefault(language) + 1;
            else latin++;
        }
        var (top, count) = letters.OrderByDescending(p => p.Value).FirstOrDefault();
        return top is null || count <= latin ? Default
            : top == "ru" && ukrainian ? "uk"
            : top;
    }

    internal static NumberSpeller SpellerFor(string language) =>
        Spellers.TryGetValue(language, out var speller) ? speller : EnglishNumbers.Instance;

    private static string? ScriptLanguage(int c) => c switch
    {
        _ when Scripts.IsHan(c) => "zh",
        >= 0xAC00 and <= 0xD7AF or >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F => "ko",
        >= 0x0400 and <= 0x052F => "ru",
        >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => "el",
        >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F => "ar",
        >= 0x0590 and <= 0x05FF => "he",
        >= 0x0E00 and <= 0x0E7F => "th",
        >= 0x0900 and <= 0x097F => "hi",
        _ => null,
    };
}
