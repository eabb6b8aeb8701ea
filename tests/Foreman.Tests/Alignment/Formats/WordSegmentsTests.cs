using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed class WordSegmentsTests
{
    private static AlignedLine Line(string text, params string[] words) =>
        new(text, 0, 1, 1, words.Select(w => new AlignedWord(w, 0, 1, 1)).ToList());

    // Segments joined by " | ".
    [Theory]
    [InlineData("Hello, world!", "Hello, | world!", "Hello", "world")]
    [InlineData("“Quoted” words", "“Quoted” | words", "Quoted", "words")]
    [InlineData("I ♥ you", "I ♥ | you", "I", "you")]
    [InlineData("— Intro dash", "— Intro | dash", "Intro", "dash")]
    [InlineData("la la  la", "la | la | la", "la", "la", "la")]
    [InlineData("text changed", "other | words", "other", "words")]
    public void Of_Line_OneSegmentPerWord(string text, string expected, params string[] words) =>
        Assert.Equal(expected, string.Join(" | ", WordSegments.Of(Line(text, words)).Select(s => s.Text)));
}
