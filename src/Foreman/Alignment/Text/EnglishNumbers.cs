namespace Foreman.Alignment.Text;

/// <summary>
/// Spells numbers the way an English singer says them, as space-separated lower-case words with no hyphens
/// ("forty two"), so each spoken word becomes its own run of model letters.
/// </summary>
internal sealed class EnglishNumbers : NumberSpeller
{
    public static EnglishNumbers Instance { get; } = new();

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

    private EnglishNumbers() { }

    public override string Language => "en";

    /// <summary>0 … <see cref="NumberSpeller.MaxCardinal"/>: 105 → "one hundred five" (American style, no "and").</summary>
    public override string Cardinal(long number)
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
    public override string Ordinal(long number)
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
    public override bool IsYear(long number) => number is >= 1100 and <= 2099;

    /// <summary>1999 → "nineteen ninety nine", 1900 → "nineteen hundred", 1905 → "nineteen oh five", 2005 → "two thousand five", 2010 → "twenty ten".</summary>
    public override string Year(long year)
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

    /// <summary>The plural of the last spelled word, as in "the 90s": "ninety" → "nineties", "six" → "sixes".</summary>
    public override string Plural(string spelled)
    {
        var lastSpace = spelled.LastIndexOf(' ');
        var last = spelled[(lastSpace + 1)..];
        var plural = last.EndsWith('y') ? last[..^1] + "ies"
            : last.EndsWith('x') ? last + "es"
            : last + "s";
        return spelled[..(lastSpace + 1)] + plural;
    }

    public override IReadOnlyList<string> OrdinalSuffixes { get; } = ["st", "nd", "rd", "th"];
    public override IReadOnlyList<string> PluralSuffixes { get; } = ["'s", "’s", "s"];
    public override string DecimalSeparator => "point";
    public override string NumberSign => "number";
    public override string Percent => "percent";

    public override IReadOnlyDictionary<char, string> Symbols { get; } =
        new Dictionary<char, string> { ['&'] = "and", ['+'] = "plus", ['@'] = "at", ['%'] = "percent" };

    public override IReadOnlyDictionary<char, (string One, string Many)> Currencies { get; } =
        new Dictionary<char, (string, string)> { ['$'] = ("dollar", "dollars"), ['€'] = ("euro", "euros"), ['£'] = ("pound", "pounds") };

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
