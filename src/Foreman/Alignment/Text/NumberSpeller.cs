namespace Foreman.Alignment.Text;

/// <summary>
/// How one language says numbers and the symbols around them, as space-separated lower-case words: each word becomes
/// its own run of model letters, with the word delimiter between runs.
/// </summary>
internal abstract class NumberSpeller
{
    /// <summary>The largest number <see cref="Cardinal"/> spells; longer digit strings are read digit by digit.</summary>
    public const long MaxCardinal = 999_999_999_999;

    /// <summary>ISO 639-1 code of the language.</summary>
    public abstract string Language { get; }

    /// <summary>0 … <see cref="MaxCardinal"/>.</summary>
    public abstract string Cardinal(long number);

    /// <summary>The ordinal the language says for <c>1st</c>, <c>1er</c>, <c>1º</c>.</summary>
    public abstract string Ordinal(long number);

    /// <summary>The cardinal as said before a noun (<c>un dólar</c>, <c>ein Euro</c>).</summary>
    public virtual string CardinalBeforeNoun(long number) => Cardinal(number);

    /// <summary>Whether a bare four-digit number is read as a year, differently from its cardinal.</summary>
    public virtual bool IsYear(long number) => false;

    /// <summary>A year; the cardinal unless the language reads years in its own way.</summary>
    public virtual string Year(long year) => Cardinal(year);

    /// <summary>The plural of a spelled number ("the 90s"); null where the language has no such form.</summary>
    public virtual string? Plural(string spelled) => null;

    /// <summary>Suffixes that make a number an ordinal, longest first, compared case-insensitively.</summary>
    public abstract IReadOnlyList<string> OrdinalSuffixes { get; }

    /// <summary>Suffixes that make a number plural ("90s"), longest first; empty where the language has none.</summary>
    public virtual IReadOnlyList<string> PluralSuffixes => [];

    /// <summary>The word between the whole part and the decimals (<c>point</c>, <c>virgule</c>).</summary>
    public abstract string DecimalSeparator { get; }

    /// <summary>What <c>#</c> before a number is read as.</summary>
    public abstract string NumberSign { get; }

    /// <summary>What a percent sign after a number is read as.</summary>
    public abstract string Percent { get; }

    /// <summary>The spoken names of <c>&amp;</c>, <c>+</c>, <c>@</c> and <c>%</c>.</summary>
    public abstract IReadOnlyDictionary<char, string> Symbols { get; }

    /// <summary>The names of the currency signs, singular and plural.</summary>
    public abstract IReadOnlyDictionary<char, (string One, string Many)> Currencies { get; }

    /// <summary>Reads ASCII digits one at a time: "05" → "zero five".</summary>
    public string Digits(string digits) => string.Join(' ', digits.Select(d => Cardinal(d - '0')));
}
