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
    /// <summary>The character's romanization; empty when AnyAscii has none.</summary>
    public static string Of(Rune rune) => rune.ToString().Transliterate();
}
