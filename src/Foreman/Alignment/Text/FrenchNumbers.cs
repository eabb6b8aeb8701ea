namespace Foreman.Alignment.Text;

/// <summary>
/// French numbers (1990 spelling conventions aside, as sung): 71 → "soixante et onze", 80 → "quatre vingts",
/// 97 → "quatre vingt dix sept", 200 → "deux cents", 1000 → "mille". Hyphens become spaces: each part is sung as a word.
/// </summary>
internal sealed class FrenchNumbers : NumberSpeller
{
    public static FrenchNumbers Instance { get; } = new();

    private static readonly string[] Units =
    [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
        "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];

    private static readonly string[] Tens = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"];

    private FrenchNumbers() { }

    public override string Language => "fr";

    public override string Cardinal(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxCardinal);
        if (number == 0) return Units[0];
        var words = new List<string>();
        // Millions and milliards are nouns ("deux millions"); mille is invariable and never "un mille".
        AddNoun(words, number / 1_000_000_000, "milliard");
        AddNoun(words, number / 1_000_000 % 1000, "million");
        var thousands = (int)(number / 1000 % 1000);
        if (thousands == 1) words.Add("mille");
        else if (thousands > 1)
        {
            words.Add(BelowThousand(thousands, last: false));
            words.Add("mille");
        }
        if (number % 1000 > 0) words.Add(BelowThousand((int)(number % 1000), last: true));
        return string.Join(' ', words);
    }

    /// <summary>1 → "premier", 2 → "deuxième", 21 → "vingt et unième", 80 → "quatre vingtième".</summary>
    public override string Ordinal(long number)
    {
        if (number == 1) return "premier";
        var cardinal = Cardinal(number);
        var lastSpace = cardinal.LastIndexOf(' ');
        var last = cardinal[(lastSpace + 1)..];
        var stem = last switch
        {
            "cinq" => "cinqu",
            "neuf" => "neuv",
            "cents" or "vingts" or "millions" or "milliards" => last[..^1],
            _ when last.EndsWith('e') => last[..^1],
            _ => last,
        };
        return cardinal[..(lastSpace + 1)] + stem + "ième";
    }

    public override IReadOnlyList<string> OrdinalSuffixes { get; } = ["ère", "ème", "eme", "er", "re", "e"];
    public override string DecimalSeparator => "virgule";
    public override string NumberSign => "numéro";
    public override string Percent => "pour cent";

    public override IReadOnlyDictionary<char, string> Symbols { get; } =
        new Dictionary<char, string> { ['&'] = "et", ['+'] = "plus", ['@'] = "arobase", ['%'] = "pour cent" };

    public override IReadOnlyDictionary<char, (string One, string Many)> Currencies { get; } =
        new Dictionary<char, (string, string)> { ['$'] = ("dollar", "dollars"), ['€'] = ("euro", "euros"), ['£'] = ("livre", "livres") };

    private void AddNoun(List<string> words, long count, string noun)
    {
        if (count == 0) return;
        words.Add(count == 1 ? "un" : BelowThousand((int)count, last: true));
        words.Add(count == 1 ? noun : noun + "s");
    }

    // `last`: nothing but a noun follows, so "cents" and "quatre vingts" keep their plural s ("deux cents",
    // "quatre vingts millions") — not before mille or another number ("deux cent mille", "quatre vingt un").
    private static string BelowThousand(int number, bool last)
    {
        var (hundreds, rest) = (number / 100, number % 100);
        var words = new List<string>();
        if (hundreds > 0)
        {
            if (hundreds > 1) words.Add(Units[hundreds]);
            words.Add(hundreds > 1 && rest == 0 && last ? "cents" : "cent");
        }
        if (rest > 0) words.Add(BelowHundred(rest, last));
        return string.Join(' ', words);
    }

    private static string BelowHundred(int number, bool last)
    {
        if (number <= 16) return Units[number];
        if (number < 20) return "dix " + Units[number - 10];
        var (tens, unit) = (number / 10, number % 10);
        return tens switch
        {
            // 70-79 and 90-99 count on from sixty and eighty: soixante dix, soixante et onze, quatre vingt douze.
            7 => unit == 1 ? "soixante et onze" : "soixante " + BelowHundred(10 + unit, last),
            8 => unit == 0 ? (last ? "quatre vingts" : "quatre vingt") : "quatre vingt " + Units[unit],
            9 => "quatre vingt " + BelowHundred(10 + unit, last),
            _ => unit switch
            {
                0 => Tens[tens],
                1 => Tens[tens] + " et un",
                _ => Tens[tens] + " " + Units[unit],
            },
        };
    }
}
