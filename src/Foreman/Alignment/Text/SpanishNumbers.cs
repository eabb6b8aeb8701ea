namespace Foreman.Alignment.Text;

/// <summary>
/// Spanish numbers: 21 → "veintiuno", 31 → "treinta y uno", 100 → "cien", 101 → "ciento uno", 500 → "quinientos",
/// 21,000 → "veintiún mil", 10⁹ → "mil millones" (long scale).
/// </summary>
internal sealed class SpanishNumbers : NumberSpeller
{
    public static SpanishNumbers Instance { get; } = new();

    private static readonly string[] Units =
    [
        "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
        "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
        "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
    ];

    private static readonly string[] Tens = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"];

    private static readonly string[] Hundreds =
        ["", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos"];

    private static readonly string[] UnitOrdinals = ["", "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"];

    private static readonly string[] TenOrdinals =
        ["", "décimo", "vigésimo", "trigésimo", "cuadragésimo", "quincuagésimo", "sexagésimo", "septuagésimo", "octogésimo", "nonagésimo"];

    private SpanishNumbers() { }

    public override string Language => "es";

    public override string Cardinal(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxCardinal);
        if (number == 0) return Units[0];
        var (millions, rest) = (number / 1_000_000, number % 1_000_000);
        var words = new List<string>();
        if (millions == 1) words.Add("un millón");
        else if (millions > 1) words.Add(Apocope(BelowMillion(millions)) + " millones");
        if (rest > 0) words.Add(BelowMillion(rest));
        return string.Join(' ', words);
    }

    /// <summary>Before a noun, a final "uno" loses its o: "un dólar", "veintiún euros".</summary>
    public override string CardinalBeforeNoun(long number) => Apocope(Cardinal(number));

    /// <summary>1 → "primero" … 10 → "décimo", 11 → "undécimo", 23 → "vigésimo tercero", 100 → "centésimo"; larger ordinals are said as cardinals.</summary>
    public override string Ordinal(long number) => number switch
    {
        0 => Units[0],
        < 10 => UnitOrdinals[number],
        11 => "undécimo",
        12 => "duodécimo",
        < 20 and > 10 => "decimo" + UnitOrdinals[number - 10],
        < 100 => number % 10 == 0 ? TenOrdinals[number / 10] : TenOrdinals[number / 10] + " " + UnitOrdinals[number % 10],
        100 => "centésimo",
        _ => Cardinal(number),
    };

    public override IReadOnlyList<string> OrdinalSuffixes { get; } = ["º", "ª", "er", "ra"];
    public override string DecimalSeparator => "coma";
    public override string NumberSign => "número";
    public override string Percent => "por ciento";

    public override IReadOnlyDictionary<char, string> Symbols { get; } =
        new Dictionary<char, string> { ['&'] = "y", ['+'] = "más", ['@'] = "arroba", ['%'] = "por ciento" };

    public override IReadOnlyDictionary<char, (string One, string Many)> Currencies { get; } =
        new Dictionary<char, (string, string)> { ['$'] = ("dólar", "dólares"), ['€'] = ("euro", "euros"), ['£'] = ("libra", "libras") };

    private static string BelowMillion(long number)
    {
        var (thousands, rest) = ((int)(number / 1000), (int)(number % 1000));
        var words = new List<string>();
        if (thousands == 1) words.Add("mil");
        else if (thousands > 1) words.Add(Apocope(BelowThousand(thousands)) + " mil");
        if (rest > 0) words.Add(BelowThousand(rest));
        return string.Join(' ', words);
    }

    private static string BelowThousand(int number)
    {
        if (number == 100) return "cien";
        var (hundreds, rest) = (number / 100, number % 100);
        var words = new List<string>();
        if (hundreds > 0) words.Add(Hundreds[hundreds]);
        if (rest >= 30) words.Add(rest % 10 == 0 ? Tens[rest / 10] : Tens[rest / 10] + " y " + Units[rest % 10]);
        else if (rest > 0) words.Add(Units[rest]);
        return string.Join(' ', words);
    }

    private static string Apocope(string spelled) =>
        spelled.EndsWith("veintiuno", StringComparison.Ordinal) ? spelled[..^"veintiuno".Length] + "veintiún"
        : spelled == "uno" || spelled.EndsWith(" uno", StringComparison.Ordinal) ? spelled[..^1]
        : spelled;
}
