using Foreman.Alignment.Text;
using Foreman.Emissions;
using Foreman.Models;

namespace Foreman.Tests.Alignment.Text;

public sealed class TokenNormalizerTests
{
    // Every test vocabulary has single-character tokens, so the tokens are compared concatenated.
    private static string Normalize(Vocabulary vocabulary, string word) => string.Concat(new TokenNormalizer(vocabulary, Languages.Default).Normalize(word));

    [Theory]
    [InlineData("love", "LOVE")]
    [InlineData("Don’t", "DON'T")]
    [InlineData("Don‘t", "DON'T")]
    [InlineData("don`t", "DON'T")]
    [InlineData("donʼt", "DON'T")]
    [InlineData("café", "CAFE")]
    [InlineData("cafe\u0301", "CAFE")]
    [InlineData("naïve", "NAIVE")]
    [InlineData("Beyoncé", "BEYONCE")]
    [InlineData("Việt", "VIET")]
    [InlineData("straße", "STRASSE")]
    [InlineData("Ærøskøbing", "AEROSKOBING")]
    [InlineData("ﬁre", "FIRE")]
    [InlineData("ＬＯＶＥ", "LOVE")]
    [InlineData("U.S.A", "USA")]
    [InlineData("1999", "NINETEEN|NINETY|NINE")]
    [InlineData("2005", "TWO|THOUSAND|FIVE")]
    [InlineData("42", "FORTY|TWO")]
    [InlineData("1st", "FIRST")]
    [InlineData("3.5", "THREE|POINT|FIVE")]
    [InlineData("100%", "ONE|HUNDRED|PERCENT")]
    [InlineData("$5", "FIVE|DOLLARS")]
    [InlineData("#1", "NUMBER|ONE")]
    [InlineData("&", "AND")]
    [InlineData("x²", "X|TWO")]
    [InlineData("well-known", "WELL|KNOWN")]
    [InlineData("rock-'n'-roll", "ROCK|N|ROLL")]
    [InlineData("'cause", "CAUSE")]
    [InlineData("♥", "")]
    [InlineData("/", "")]
    [InlineData("😀", "")]
    [InlineData("日本", "RIBEN")]
    [InlineData("Привет", "PRIVET")]
    [InlineData("Ελλάδα", "ELLADA")]
    [InlineData("사랑해", "SALANGHAE")]
    [InlineData("きょう", "KIYOU")]
    public void Normalize_UpperEnglish_Tokens(string word, string expected) =>
        Assert.Equal(expected, Normalize(TestVocabularies.UpperEnglish, word));

    [Theory]
    [InlineData("Café", "café")]
    [InlineData("cafe\u0301", "café")]
    [InlineData("ÉTÉ", "été")]
    [InlineData("Noël", "noël")]
    [InlineData("l’amour", "l'amour")]
    [InlineData("señor", "senor")]
    [InlineData("Ōkami", "okami")]
    [InlineData("42", "forty|two")]
    public void Normalize_LowerFrench_KeepsAccentsTheVocabularyHas(string word, string expected) =>
        Assert.Equal(expected, Normalize(TestVocabularies.LowerFrench, word));

    [Theory]
    [InlineData("Привет", "привет")]
    [InlineData("ЁЛКА", "ёлка")]
    [InlineData("42", "")]
    [InlineData("hello", "")]
    [InlineData("дом-42", "дом")]
    public void Normalize_NonLatinVocabulary_DropsWhatItCannotSpell(string word, string expected) =>
        Assert.Equal(expected, Normalize(TestVocabularies.LowerRussian, word));

    [Theory]
    [InlineData("Ab", "Ab")]
    [InlineData("aB", "aB")]
    [InlineData("C", "c")]
    [InlineData("d", "D")]
    public void Normalize_MixedCase_KeepsCaseElseOtherCase(string word, string expected) =>
        Assert.Equal(expected, Normalize(TestVocabularies.Mixed, word));

    [Fact]
    public void Normalize_VocabularyWithoutApostrophe_DropsIt() =>
        Assert.Equal("DONT", Normalize(new Vocabulary(Enumerable.Range(0, 26).ToDictionary(i => ((char)('A' + i)).ToString(), i => i)), "don't"));

    [Fact]
    public void Normalize_VocabularyWithoutDelimiter_JoinsSpokenWords() =>
        Assert.Equal("FORTYTWO", Normalize(new Vocabulary(Enumerable.Range(0, 26).ToDictionary(i => ((char)('A' + i)).ToString(), i => i)), "42"));

    [Fact]
    public void Normalize_DelimiterCharacterInWord_NeverATokenOfItsOwn() =>
        Assert.Equal("A|B", Normalize(TestVocabularies.UpperEnglish, "a|b"));
}
