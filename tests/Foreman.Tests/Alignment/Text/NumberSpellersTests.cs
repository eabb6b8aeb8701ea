using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

/// <summary>French, Spanish and German numbers, with the forms each language gets wrong most easily.</summary>
public sealed class NumberSpellersTests
{
    [Theory]
    [InlineData(0, "zéro")]
    [InlineData(16, "seize")]
    [InlineData(17, "dix sept")]
    [InlineData(21, "vingt et un")]
    [InlineData(22, "vingt deux")]
    [InlineData(61, "soixante et un")]
    [InlineData(70, "soixante dix")]
    [InlineData(71, "soixante et onze")]
    [InlineData(77, "soixante dix sept")]
    [InlineData(80, "quatre vingts")]
    [InlineData(81, "quatre vingt un")]
    [InlineData(90, "quatre vingt dix")]
    [InlineData(91, "quatre vingt onze")]
    [InlineData(97, "quatre vingt dix sept")]
    [InlineData(100, "cent")]
    [InlineData(101, "cent un")]
    [InlineData(200, "deux cents")]
    [InlineData(280, "deux cent quatre vingts")]
    [InlineData(1000, "mille")]
    [InlineData(1999, "mille neuf cent quatre vingt dix neuf")]
    [InlineData(2000, "deux mille")]
    [InlineData(80_000, "quatre vingt mille")]
    [InlineData(200_000, "deux cent mille")]
    [InlineData(1_000_000, "un million")]
    [InlineData(2_000_000, "deux millions")]
    [InlineData(80_000_000, "quatre vingts millions")]
    [InlineData(3_000_000_000, "trois milliards")]
    public void French_Cardinal(long number, string expected) => Assert.Equal(expected, FrenchNumbers.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "premier")]
    [InlineData(2, "deuxième")]
    [InlineData(4, "quatrième")]
    [InlineData(5, "cinquième")]
    [InlineData(9, "neuvième")]
    [InlineData(21, "vingt et unième")]
    [InlineData(80, "quatre vingtième")]
    [InlineData(1000, "millième")]
    public void French_Ordinal(long number, string expected) => Assert.Equal(expected, FrenchNumbers.Instance.Ordinal(number));

    [Theory]
    [InlineData(0, "cero")]
    [InlineData(16, "dieciséis")]
    [InlineData(21, "veintiuno")]
    [InlineData(22, "veintidós")]
    [InlineData(31, "treinta y uno")]
    [InlineData(99, "noventa y nueve")]
    [InlineData(100, "cien")]
    [InlineData(101, "ciento uno")]
    [InlineData(500, "quinientos")]
    [InlineData(777, "setecientos setenta y siete")]
    [InlineData(1000, "mil")]
    [InlineData(1999, "mil novecientos noventa y nueve")]
    [InlineData(21_000, "veintiún mil")]
    [InlineData(101_000, "ciento un mil")]
    [InlineData(1_000_000, "un millón")]
    [InlineData(2_500_000, "dos millones quinientos mil")]
    [InlineData(1_000_000_000, "mil millones")]
    public void Spanish_Cardinal(long number, string expected) => Assert.Equal(expected, SpanishNumbers.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "primero")]
    [InlineData(3, "tercero")]
    [InlineData(11, "undécimo")]
    [InlineData(13, "decimotercero")]
    [InlineData(23, "vigésimo tercero")]
    [InlineData(100, "centésimo")]
    public void Spanish_Ordinal(long number, string expected) => Assert.Equal(expected, SpanishNumbers.Instance.Ordinal(number));

    [Theory]
    [InlineData(0, "null")]
    [InlineData(1, "eins")]
    [InlineData(12, "zwölf")]
    [InlineData(17, "siebzehn")]
    [InlineData(21, "einundzwanzig")]
    [InlineData(30, "dreißig")]
    [InlineData(99, "neunundneunzig")]
    [InlineData(101, "hunderteins")]
    [InlineData(1000, "tausend")]
    [InlineData(1999, "tausendneunhundertneunundneunzig")]
    [InlineData(2021, "zweitausendeinundzwanzig")]
    [InlineData(21_000, "einundzwanzigtausend")]
    [InlineData(1_000_000, "eine million")]
    [InlineData(2_000_001, "zwei millionen eins")]
    [InlineData(3_000_000_000, "drei milliarden")]
    public void German_Cardinal(long number, string expected) => Assert.Equal(expected, GermanNumbers.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "erste")]
    [InlineData(3, "dritte")]
    [InlineData(7, "siebte")]
    [InlineData(19, "neunzehnte")]
    [InlineData(20, "zwanzigste")]
    [InlineData(21, "einundzwanzigste")]
    [InlineData(101, "hunderterste")]
    [InlineData(1000, "tausendste")]
    public void German_Ordinal(long number, string expected) => Assert.Equal(expected, GermanNumbers.Instance.Ordinal(number));

    [Theory]
    [InlineData(1999, "neunzehnhundertneunundneunzig")]
    [InlineData(1100, "elfhundert")]
    public void German_Year_InHundreds(long year, string expected)
    {
        Assert.True(GermanNumbers.Instance.IsYear(year));
        Assert.Equal(expected, GermanNumbers.Instance.Year(year));
    }

    [Theory]
    [InlineData("fr", "21", "vingt / et / un")]
    [InlineData("fr", "1er", "premier")]
    [InlineData("fr", "2e", "deuxième")]
    [InlineData("fr", "1999", "mille / neuf / cent / quatre / vingt / dix / neuf")]
    [InlineData("fr", "3.5", "trois / virgule / cinq")]
    [InlineData("fr", "50%", "cinquante / pour / cent")]
    [InlineData("fr", "$1.50", "un / dollar / cinquante")]
    [InlineData("es", "21", "veintiuno")]
    [InlineData("es", "$21", "veintiún / dólares")]
    [InlineData("es", "3º", "tercero")]
    [InlineData("es", "&", "y")]
    [InlineData("de", "21", "einundzwanzig")]
    [InlineData("de", "1999", "neunzehnhundertneunundneunzig")]
    [InlineData("de", "€1", "ein / euro")]
    [InlineData("de", "#1", "nummer / eins")]
    [InlineData("en", "1999", "nineteen / ninety / nine")]
    [InlineData("ja", "21", "twenty / one")]
    public void Expand_Language_NumbersInItsWords(string language, string word, string expected) =>
        Assert.Equal(expected, string.Join(" / ", SpokenForms.Expand(word, Languages.SpellerFor(language)).Select(w => w.Text)));
}
