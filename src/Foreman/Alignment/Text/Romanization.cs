using System.Collections.Frozen;
using System.Text;
using AnyAscii;

namespace Foreman.Alignment.Text;

/// <summary>
/// Latin letters for a character of another script, for a model whose vocabulary is Latin letters: pinyin for Han
/// (你 → Ni), romaji for kana (か → ka), Revised Romanization for Hangul, and the common transliterations of
/// Cyrillic, Greek, Arabic, Hebrew and the other scripts AnyAscii covers. Only alignment sees it; the output keeps
/// the original text.
/// </summary>
internal static class Romanization
{
    // Where a language reads a letter differently from AnyAscii's (Russian-based) transliteration of its script:
    // Ukrainian г is h, и is y, ї and й are i and є is ie inside a word (the national transliteration: Київ → Kyiv,
    // гарний → harnyi; its word-initial yi/y is left aside, one letter per character is enough to align).
    private static readonly FrozenDictionary<string, FrozenDictionary<char, string>> ByLanguage =
        new Dictionary<string, FrozenDictionary<char, string>>
        {
            ["uk"] = new Dictionary<char, string> { ['г'] = "h", ['и'] = "y", ['ї'] = "i", ['й'] = "i", ['є'] = "ie" }.ToFrozenDictionary(),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The character's romanization as <paramref name="language"/> reads it; empty when there is none.</summary>
    public static string Of(Rune rune, string language) =>
        ByLanguage.TryGetValue(language, out var letters) && rune.IsBmp && letters.TryGetValue(char.ToLowerInvariant((char)rune.Value), out var latin)
            ? latin
            : rune.ToString().Transliterate();
}
