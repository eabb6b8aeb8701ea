using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class EnglishNumbersTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(7, "seven")]
    [InlineData(13, "thirteen")]
    [InlineData(20, "twenty")]
    [InlineData(42, "forty two")]
    [InlineData(100, "one hundred")]
    [InlineData(105, "one hundred five")]
    [InlineData(999, "nine hundred ninety nine")]
    [InlineData(1000, "one thousand")]
    [InlineData(1_000_001, "one million one")]
    [InlineData(12_345_678, "twelve million three hundred forty five thousand six hundred seventy eight")]
    [InlineData(2_000_000_000, "two billion")]
    [InlineData(999_999_999_999, "nine hundred ninety nine billion nine hundred ninety nine million nine hundred ninety nine thousand nine hundred ninety nine")]
    public void Cardinal_Number_SpelledWithoutHyphensOrAnd(long number, string expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.Cardinal(number));

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000_000_000)]
    public void Cardinal_OutOfRange_Throws(long number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EnglishNumbers.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "second")]
    [InlineData(3, "third")]
    [InlineData(4, "fourth")]
    [InlineData(5, "fifth")]
    [InlineData(8, "eighth")]
    [InlineData(9, "ninth")]
    [InlineData(12, "twelfth")]
    [InlineData(20, "twentieth")]
    [InlineData(22, "twenty second")]
    [InlineData(100, "one hundredth")]
    [InlineData(101, "one hundred first")]
    public void Ordinal_Number_LastWordMadeOrdinal(long number, string expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.Ordinal(number));

    [Theory]
    [InlineData(1100, "eleven hundred")]
    [InlineData(1900, "nineteen hundred")]
    [InlineData(1905, "nineteen oh five")]
    [InlineData(1999, "nineteen ninety nine")]
    [InlineData(2000, "two thousand")]
    [InlineData(2005, "two thousand five")]
    [InlineData(2010, "twenty ten")]
    [InlineData(2099, "twenty ninety nine")]
    public void Year_InRange_ReadAsYear(long year, string expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.Year(year));

    [Theory]
    [InlineData(1099, false)]
    [InlineData(1100, true)]
    [InlineData(2099, true)]
    [InlineData(2100, false)]
    public void IsYear_Boundaries_Inclusive(long number, bool expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.IsYear(number));

    [Theory]
    [InlineData("05", "zero five")]
    [InlineData("007", "zero zero seven")]
    public void Digits_DigitString_ReadOneByOne(string digits, string expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.Digits(digits));

    [Theory]
    [InlineData("ninety", "nineties")]
    [InlineData("six", "sixes")]
    [InlineData("hundred", "hundreds")]
    public void Plural_SpelledNumber_EnglishPlural(string spelled, string expected) =>
        Assert.Equal(expected, EnglishNumbers.Instance.Plural(spelled));
}
