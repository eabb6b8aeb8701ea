using System.Text;
using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class UnicodeFoldingTests
{
    [Theory]
    [InlineData("cafe\u0301", "café")]
    [InlineData("e\u0323\u0302", "ệ")]
    [InlineData("ＨＥＬＬＯ！", "HELLO!")]
    [InlineData("ﬁﬂ", "fifl")]
    [InlineData("x²₃", "x23")]
    [InlineData("plain", "plain")]
    [InlineData("\u0301e", "\u0301e")]
    public void Compose_Text_FoldedAndComposed(string text, string expected) =>
        Assert.Equal(expected, UnicodeFolding.Compose(text));

    [Theory]
    [InlineData("é", "e\u0301")]
    [InlineData("ệ", "e\u0323\u0302")]
    [InlineData("Ё", "Е\u0308")]
    [InlineData("ß", "ss")]
    [InlineData("Ø", "o")]
    public void Decompose_Letter_SimplerLetters(string letter, string expected) =>
        Assert.Equal(expected, UnicodeFolding.Decompose(Rune.GetRuneAt(letter, 0)));

    [Theory]
    [InlineData("a")]
    [InlineData("ж")]
    [InlineData("😀")]
    public void Decompose_PlainLetter_Null(string letter) =>
        Assert.Null(UnicodeFolding.Decompose(Rune.GetRuneAt(letter, 0)));
}
