using System.Text;

namespace Foreman.Alignment.Text;

/// <summary>The scripts written without spaces between words, whose characters are each sung as a syllable.</summary>
internal static class Scripts
{
    /// <summary>CJK ideographs (Chinese hanzi, Japanese kanji), including the iteration mark 々.</summary>
    public static bool IsHan(int c) => c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0xF900 and <= 0xFAFF
        or >= 0x20000 and <= 0x3FFFF or 0x3005;

    /// <summary>Hiragana and katakana, full and half width.</summary>
    public static bool IsKana(Rune rune) => rune.Value is >= 0x3041 and <= 0x309F or >= 0x30A0 and <= 0x30FF or >= 0x31F0 and <= 0x31FF
        or >= 0xFF66 and <= 0xFF9F;

    /// <summary>A character sung as its own syllable, so a karaoke line lights each one: Han or kana.</summary>
    public static bool IsSyllabic(Rune rune) => IsHan(rune.Value) || (IsKana(rune) && !JoinsPrevious(rune));

    /// <summary>
    /// A character that belongs to the syllable before it: small kana (きょ, ファ, っ), the long-vowel mark ー, voicing
    /// marks, and combining marks or variation selectors.
    /// </summary>
    public static bool JoinsPrevious(Rune rune) => rune.Value switch
    {
        0x3041 or 0x3043 or 0x3045 or 0x3047 or 0x3049 or 0x3063 or 0x3083 or 0x3085 or 0x3087 or 0x308E or 0x3095 or 0x3096 => true,
        0x30A1 or 0x30A3 or 0x30A5 or 0x30A7 or 0x30A9 or 0x30C3 or 0x30E3 or 0x30E5 or 0x30E7 or 0x30EE or 0x30F5 or 0x30F6 => true,
        >= 0x31F0 and <= 0x31FF => true,
        0x30FC or 0xFF70 or 0x3099 or 0x309A or 0x309B or 0x309C or 0xFF9E or 0xFF9F => true,
        >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF => true,
        _ => Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark,
    };
}
