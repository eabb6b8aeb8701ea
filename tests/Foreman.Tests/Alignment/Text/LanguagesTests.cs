using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("fr", "fr")]
    [InlineData(" DE ", "de")]
    [InlineData("pt-BR", "pt")]
    [InlineData("zh_Hant", "zh")]
    [InlineData("xx", null)]
    [InlineData("english", null)]
    [InlineData("e", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_Code_CanonicalOrNull(string? code, string? expected) => Assert.Equal(expected, Languages.Normalize(code));

    [Theory]
    [InlineData("Hello there, 1999", "en")]
    [InlineData("Ça va très bien", "en")]
    [InlineData("你好世界\n我爱你", "zh")]
    [InlineData("東京の夜", "ja")]
    [InlineData("사랑해 너를", "ko")]
    [InlineData("Привет, как дела", "ru")]
    [InlineData("Привіт, як справи", "uk")]
    [InlineData("Καλημέρα", "el")]
    [InlineData("مرحبا بالعالم", "ar")]
    [InlineData("שלום עולם", "he")]
    [InlineData("Hello hello hello\n你好", "en")]
    [InlineData("😀 ♪ 123", "en")]
    public void Guess_Script_Language(string lyrics, string expected) => Assert.Equal(expected, Languages.Guess(lyrics));
}
