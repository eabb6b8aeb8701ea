namespace Foreman.Alignment.Text;

/// <summary>
/// German numbers, written as German writes them: one compound below a million ("einundzwanzig",
/// "tausendneunhundertneunundneunzig"), then "eine million", "zwei milliarden"; years 1100–1999 in hundreds
/// ("neunzehnhundertneunundneunzig").
/// </summary>
internal sealed class GermanNumbers : NumberSpeller
{
    public static GermanNumbers Instance { get; } = new();

    private static readonly string[] Units =
    [
        "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
        "zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn",
    ];

    private static readonly string[] Tens = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];

    // Ordinals of 1–19 (erste, dritte, siebte and achte are irregular); 20 and up add "ste".
    private static readonly string[] SmallOrdinals =
    [
        "", "erste", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte",
        "zehnte", "elfte", "zwölfte", "dreizehnte", "vierzehnte", "fünfzehnte", "sechzehnte", "siebzehnte", "achtzehnte", "neunzehnte",
    ];

    private GermanNumbers() { }

    public override string Language => "de";

    public override string Cardinal(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxCardinal);
        if (number == 0) return Units[0];
        var words = new List<string>();
        AddNoun(words, number / 1_000_000_000, "milliarde", "milliarden");
        AddNoun(words, number / 1_000_000 % 1000, "million", "millionen");
        var (thousands, rest) = ((int)(number / 1000 % 1000), (int)(number % 1000));
        var compound = (thousands == 0 ? "" : thousands == 1 ? "tausend" : BelowThousand(thousands, final: false) + "tausend")
            + (rest > 0 ? BelowThousand(rest, final: true) : "");
        if (compound.Length > 0) words.Add(compound);
        return string.Join(' ', words);
    }

    /// <summary>Before a noun, a final "eins" is "ein": "ein euro", "einundzwanzig euro".</summary>
    public override string CardinalBeforeNoun(long number)
    {
        var cardinal = Cardinal(number);
        return cardinal.EndsWith("eins", StringComparison.Ordinal) ? cardinal[..^1] : cardinal;
    }

    /// <summary>1 → "erste", 3 → "dritte", 21 → "einundzwanzigste", 101 → "hunderterste", 1000 → "tausendste".</summary>
    public override string Ordinal(long number)
    {
        if (number == 0) return "nullte";
        var cardinal = Cardinal(number);
        var small = (int)(number % 100);
        if (small is > 0 and < 20) return cardinal[..^Units[small].Length] + SmallOrdinals[small];
        return (cardinal.EndsWith('e') ? cardinal[..^1] : cardinal) + "ste";
    }

    public override bool IsYear(long number) => number is >= 1100 and <= 1999;

    public override string Year(long year)
    {
        if (!IsYear(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "not a year between 1100 and 1999");
        var rest = (int)(year % 100);
        return BelowHundred((int)(year / 100), final: false) + "hundert" + (rest > 0 ? BelowHundred(rest, final: true) : "");
    }

    // "1." is German's ordinal, and the dot is punctuation to the word splitter: German digits have no ordinal suffix.
    public override IReadOnlyList<string> OrdinalSuffixes => [];
    public override string DecimalSeparator => "komma";
    public override string NumberSign => "nummer";
    public override string Percent => "prozent";

    public override IReadOnlyDictionary<char, string> Symbols { get; } =
        new Dictionary<char, string> { ['&'] = "und", ['+'] = "plus", ['@'] = "at", ['%'] = "prozent" };

    public override IReadOnlyDictionary<char, (string One, string Many)> Currencies { get; } =
        new Dictionary<char, (string, string)> { ['$'] = ("dollar", "dollar"), ['€'] = ("euro", "euro"), ['£'] = ("pfund", "pfund") };

    private static void AddNoun(List<string> words, long count, string one, string many)
    {
        if (count == 0) return;
        words.Add(count == 1 ? "eine " + one : BelowThousand((int)count, final: false) + " " + many);
    }

    // `final`: the number ends here, so 1 is "eins" ("hunderteins"); inside a compound it is "ein" ("einundzwanzig", "eintausend").
    private static string BelowThousand(int number, bool final)
    {
        var (hundreds, rest) = (number / 100, number % 100);
        return (hundreds == 0 ? "" : hundreds == 1 ? "hundert" : BelowHundred(hundreds, final: false) + "hundert")
            + (rest > 0 ? BelowHundred(rest, final) : "");
    }

    private static string BelowHundred(int number, bool final)
    {
        if (number == 1) return final ? "eins" : "ein";
        if (number < 20) return Units[number];
        var (tens, unit) = (number / 10, number % 10);
        return unit == 0 ? Tens[tens] : BelowHundred(unit, final: false) + "und" + Tens[tens];
    }
}
