namespace Foreman.Alignment.Text;

/// <summary>
/// Spells numbers the way an English singer says them, as space-separated lower-case words with no hyphens
/// ("forty two"), so each spoken word becomes its own run of model letters.
/// </summary>
internal static class EnglishNumbers
{
    /// <summary>The largest number <see cref="Cardinal"/> spells; longer digit strings are read digit by digit.</summary>
    public const long MaxCardinal = 999_999_999_999;

    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Size, string Name)[] Scales = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];

    // Ordinals whose spelling is not the cardinal plus "th".
    private static readonly Dictionary<string, string> IrregularOrdinals = new(StringComparer.Ordinal)
    {
        ["one"] = "first", ["two"] = "second", ["three"] = "third", ["five"] = "fifth",
        ["eight"] = "eighth", ["nine"] = "ninth", ["twelve"] = "twelfth",
    };

    /// <summary>0 … <see cref="MaxCardinal"/>: 105 → "one hundred five" (American style, no "and").</summary>
    public static string Cardinal(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxCardinal);
        if (number == 0) return Units[0];
        var words = new List<string>();
        foreach (var (size, name) in Scales)
        {
            if (number < size) continue;
            AddBelowThousand(words, (int)(number / size));
            words.Add(name);
            number %= size;
        }
        AddBelowThousand(words, (int)number);
        return string.Join(' ', words);
    }

    /// <summary>22 → "twenty second".</summary>
    public static string Ordinal(long number)
    {
        var cardinal = Cardinal(number);
        var lastSpace = cardinal.LastIndexOf(' ');
        var last = cardinal[(lastSpace + 1)..];
        var ordinal = IrregularOrdinals.TryGetValue(last, out var irregular) ? irregular
            : last.EndsWith('y') ? last[..^1] + "ieth"
            : last + "th";
        return cardinal[..(lastSpace + 1)] + ordinal;
    }

    /// <summary>Whether a four-digit number is read as a year (1999 → "nineteen ninety nine") rather than a cardinal.</summary>
    public static bool IsYear(long number) => number is >= 1100 and <= 2099;

    /// <summary>1999 → "nineteen ninety nine", 1900 → "nineteen hundred", 1905 → "nineteen oh five", 2005 → "two thousand five", 2010 → "twenty ten".</summary>
    public static string Year(long year)
    {
        if (!IsYear(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "not a year between 1100 and 2099");
        if (year is >= 2000 and < 2010) return Cardinal(year);
        var (century, rest) = (year / 100, year % 100);
        return rest switch
        {
            0 => Cardinal(century) + " hundred",
            < 10 => Cardinal(century) + " oh " + Cardinal(rest),
            _ => Cardinal(century) + " " + Cardinal(rest),
        };
    }

    /// <summary>Reads ASCII digits one at a time: "05" → "zero five".</summary>
    public static string Digits(string digits) => string.Join(' ', digits.Select(d => Units[d - '0']));

    /// <summary>The plural of a spelled number, as in "the 90s": "ninety" → "nineties", "six" → "sixes".</summary>
    public static string Plural(string spelled) =>
        spelled.EndsWith('y') ? spelled[..^1] + "ies"
        : spelled.EndsWith('x') ? spelled + "es"
        : spelled + "s";

    private static void AddBelowThousand(List<string> words, int number)
    {
        if (number >= 100)
        {
            words.Add(Units[number / 100]);
            words.Add("hundred");
            number %= 100;
        }
        if (number >= 20)
        {
            words.Add(Tens[number / 10]);
            number %= 10;
            if (number > 0) words.Add(Units[number]);
        }
        else if (number > 0)
        {
            words.Add(Units[number]);
        }
    }
}
