using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class DisplayWordsTests
{
    // Expected words joined by " / ".
    [Theory]
    [InlineData("Hello, world!", "Hello / world")]
    [InlineData("Don’t stop", "Don’t / stop")]
    [InlineData("we're here", "we're / here")]
    [InlineData("Convert to — a list", "Convert / to / a / list")]
    [InlineData("Go - now", "Go / now")]
    [InlineData("\"quoted\" and “curly”", "quoted / and / curly")]
    [InlineData("Increment \"the, level of\" self!", "Increment / the / level / of / self")]
    [InlineData("wait... what?!", "wait / what")]
    [InlineData("(oh) [yeah] {hey}", "oh / yeah / hey")]
    [InlineData("¿Qué? ¡Sí! «oui» ‹non›", "Qué / Sí / oui / non")]
    [InlineData("rock-n-roll 100% $5 #1 &", "rock-n-roll / 100% / $5 / #1 / &")]
    [InlineData("a;b: c…", "a;b / c")]
    [InlineData("  double  space\tand tab ", "double / space / and / tab")]
    [InlineData("— ... !!!", "")]
    [InlineData("你好，世界！", "你 / 好 / 世 / 界")]
    [InlineData("「ありがとう」", "あ / り / が / と / う")]
    [InlineData("きょうはコーヒー", "きょ / う / は / コー / ヒー")]
    [InlineData("I爱you", "I / 爱 / you")]
    [InlineData("사랑해 너를", "사랑해 / 너를")]
    public void Split_Line_WordsWithEdgePunctuationStripped(string line, string expected) =>
        Assert.Equal(expected, string.Join(" / ", DisplayWords.Split(line)));
}
