using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class SpokenFormsTests
{
    // Spoken words joined by " / "; a leading '=' marks a word spelled out by the app.
    [Theory]
    [InlineData("love", "love")]
    [InlineData("Don’t", "Don’t")]
    [InlineData("42", "=forty / =two")]
    [InlineData("1999", "=nineteen / =ninety / =nine")]
    [InlineData("2005", "=two / =thousand / =five")]
    [InlineData("1900", "=nineteen / =hundred")]
    [InlineData("1,000,000", "=one / =million")]
    [InlineData("1st", "=first")]
    [InlineData("22nd", "=twenty / =second")]
    [InlineData("3RD", "=third")]
    [InlineData("3.5", "=three / =point / =five")]
    [InlineData("50%", "=fifty / =percent")]
    [InlineData("$5", "=five / =dollars")]
    [InlineData("$1", "=one / =dollar")]
    [InlineData("$1.50", "=one / =dollar / =fifty")]
    [InlineData("#1", "=number / =one")]
    [InlineData("90s", "=nineties")]
    [InlineData("1980's", "=nineteen / =eighties")]
    [InlineData("007", "=zero / =zero / =seven")]
    [InlineData("&", "=and")]
    [InlineData("R&B", "R / =and / B")]
    [InlineData("+", "=plus")]
    [InlineData("@home", "=at / home")]
    [InlineData("rock-n-roll", "rock / n / roll")]
    [InlineData("AC/DC", "AC / DC")]
    [InlineData("24/7", "=twenty / =four / =seven")]
    [InlineData("9:30", "=nine / =thirty")]
    [InlineData("mp3", "mp / =three")]
    [InlineData("1stop", "=one / stop")]
    [InlineData("1,2", "=one / =two")]
    [InlineData("1234567890123", "=one / =two / =three / =four / =five / =six / =seven / =eight / =nine / =zero / =one / =two / =three")]
    [InlineData("$", "$")]
    public void Expand_Word_SpokenWords(string word, string expected)
    {
        var spoken = SpokenForms.Expand(word, EnglishNumbers.Instance).Select(w => (w.IsSpelledOut ? "=" : "") + w.Text);
        Assert.Equal(expected, string.Join(" / ", spoken));
    }
}
