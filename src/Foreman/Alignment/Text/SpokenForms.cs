using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Foreman.Alignment.Text;

/// <summary>
/// What a singer says for one displayed word: its letter runs, with numbers and symbols spelled out in the lyrics'
/// language (<c>1999</c> → nineteen ninety nine, <c>$5</c> → five dollars, <c>24/7</c> → twenty four seven in English).
/// </summary>
internal static class SpokenForms
{
    private const char NumberSign = '#';

    // Split compounds into spoken words ("rock-n-roll", "AC/DC", "9:30"); the displayed word stays whole.
    private const string Separators = "-‐‑‒–—―/\\_:,~|";

    /// <summary>The spoken words of <paramref name="word"/>, in order; characters that are neither are left in the letter runs for the vocabulary to drop.</summary>
    public static IReadOnlyList<SpokenWord> Expand(string word, NumberSpeller speller)
    {
        var spoken = new List<SpokenWord>();
        var letters = new StringBuilder();
        for (var i = 0; i < word.Length;)
        {
            if (TryReadNumber(word, i, speller, out var reading, out var end))
            {
                FlushLetters();
                AddSpelled(reading);
                i = end;
                continue;
            }
            var c = word[i++];
            if (speller.Symbols.TryGetValue(c, out var name))
            {
                FlushLetters();
                AddSpelled(name);
            }
            else if (Separators.Contains(c)) FlushLetters();
            else letters.Append(c);
        }
        FlushLetters();
        return spoken;

        void FlushLetters()
        {
            if (letters.Length > 0) spoken.Add(new SpokenWord(letters.ToString(), IsSpelledOut: false));
            letters.Clear();
        }

        void AddSpelled(string words)
        {
            foreach (var w in words.Split(' ')) spoken.Add(new SpokenWord(w, IsSpelledOut: true));
        }
    }

    // A number at `start`: optional `#` or currency sign, ASCII digits with optional thousands commas and decimals,
    // then an optional ordinal suffix (1st), plural (90s) or percent sign.
    private static bool TryReadNumber(string s, int start, NumberSpeller speller, [NotNullWhen(true)] out string? reading, out int end)
    {
        reading = null;
        end = start;
        var i = start;
        char? sign = s[i] == NumberSign || speller.Currencies.ContainsKey(s[i]) ? s[i++] : null;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;

        var integer = ReadDigits(s, ref i);
        var grouped = false;
        // "1,000,000": a comma separates thousands only after a group of at most three digits and before exactly three.
        if (integer.Length <= 3)
        {
            while (i < s.Length && s[i] == ',' && IsDigitRun(s, i + 1, 3))
            {
                integer += s.Substring(i + 1, 3);
                i += 4;
                grouped = true;
            }
        }
        string? fraction = null;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            fraction = ReadDigits(s, ref i);
        }
        var percent = i < s.Length && s[i] == '%';
        if (percent) i++;

        if (sign is null && fraction is null && !percent && IsSpellable(integer) && TrySuffix(s, ref i, speller.OrdinalSuffixes))
        {
            reading = speller.Ordinal(long.Parse(integer));
        }
        else if (sign is char currency && speller.Currencies.TryGetValue(currency, out var unit))
        {
            reading = Money(integer, fraction, unit, speller);
        }
        else
        {
            // A year is a bare four-digit number: "#1999", "2,000" and "2000%" are amounts.
            reading = Number(integer, fraction, asYear: sign is null && !grouped && !percent, speller);
            if (sign == NumberSign) reading = speller.NumberSign + " " + reading;
            if (fraction is null && !percent && speller.Plural(reading) is { } plural && TrySuffix(s, ref i, speller.PluralSuffixes)) reading = plural;
        }
        if (percent) reading += " " + speller.Percent;
        end = i;
        return true;
    }

    private static string Number(string integer, string? fraction, bool asYear, NumberSpeller speller, bool beforeNoun = false)
    {
        var whole = !IsSpellable(integer) ? speller.Digits(integer)
            : asYear && fraction is null && integer.Length == 4 && speller.IsYear(long.Parse(integer)) ? speller.Year(long.Parse(integer))
            : beforeNoun && fraction is null ? speller.CardinalBeforeNoun(long.Parse(integer))
            : speller.Cardinal(long.Parse(integer));
        return fraction is null ? whole : whole + " " + speller.DecimalSeparator + " " + speller.Digits(fraction);
    }

    // "$5" → five dollars, "$1.50" → one dollar fifty (as people say prices), "$2.125" → two point one two five dollars.
    private static string Money(string integer, string? fraction, (string One, string Many) unit, NumberSpeller speller)
    {
        if (fraction is { Length: not 2 }) return Number(integer, fraction, asYear: false, speller) + " " + unit.Many;
        var amount = Number(integer, null, asYear: false, speller, beforeNoun: true) + " " + (integer == "1" ? unit.One : unit.Many);
        return fraction is null or "00" ? amount : amount + " " + speller.Cardinal(long.Parse(fraction));
    }

    // Whole numbers are spelled as cardinals; "007" and numbers past the billions are read digit by digit.
    private static bool IsSpellable(string integer) =>
        integer == "0" || (integer[0] != '0' && integer.Length <= NumberSpeller.MaxCardinal.ToString().Length);

    // A suffix counts only at the end of a letter run: "1st" is an ordinal, "1stop" is one and stop.
    private static bool TrySuffix(string s, ref int i, IReadOnlyList<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            var after = i + suffix.Length;
            if (string.Compare(s, i, suffix, 0, suffix.Length, StringComparison.OrdinalIgnoreCase) == 0
                && after <= s.Length && (after == s.Length || !char.IsLetter(s[after])))
            {
                i = after;
                return true;
            }
        }
        return false;
    }

    private static string ReadDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return s[start..i];
    }

    private static bool IsDigitRun(string s, int start, int length) =>
        start + length <= s.Length
        && s.AsSpan(start, length).IndexOfAnyExceptInRange('0', '9') < 0
        && (start + length == s.Length || !char.IsAsciiDigit(s[start + length]));
}
