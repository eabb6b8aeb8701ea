using System.Text;
using Foreman.Alignment;
using Foreman.Alignment.Formats;
using Foreman.Tests.Support;

namespace Foreman.Tests.Alignment.Formats;

public sealed class OutputFormatsTests
{
    [Theory]
    [InlineData("json", OutputFormat.Json)]
    [InlineData("JSON", OutputFormat.Json)]
    [InlineData("lrc", OutputFormat.Lrc)]
    [InlineData("elrc", OutputFormat.Elrc)]
    [InlineData("Enhanced-LRC", OutputFormat.Elrc)]
    [InlineData("srt", OutputFormat.Srt)]
    [InlineData("vtt", OutputFormat.Vtt)]
    [InlineData("WebVTT", OutputFormat.Vtt)]
    [InlineData("TextGrid", OutputFormat.TextGrid)]
    [InlineData(" textgrid ", OutputFormat.TextGrid)]
    public void TryParse_KnownName_Format(string name, OutputFormat expected)
    {
        Assert.True(OutputFormats.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("txt")]
    [InlineData("1")]
    [InlineData("Json, Lrc")]
    public void TryParse_UnknownName_False(string? name) => Assert.False(OutputFormats.TryParse(name, out _));

    [Theory]
    [InlineData(OutputFormat.Json, "json", "application/json", ".json")]
    [InlineData(OutputFormat.Lrc, "lrc", "text/plain; charset=utf-8", ".lrc")]
    [InlineData(OutputFormat.Elrc, "elrc", "text/plain; charset=utf-8", ".lrc")]
    [InlineData(OutputFormat.Srt, "srt", "application/x-subrip", ".srt")]
    [InlineData(OutputFormat.Vtt, "vtt", "text/vtt; charset=utf-8", ".vtt")]
    [InlineData(OutputFormat.TextGrid, "textgrid", "text/plain; charset=utf-8", ".TextGrid")]
    public void NameContentTypeFileExtension_Format_Expected(OutputFormat format, string name, string contentType, string extension)
    {
        Assert.Equal(name, OutputFormats.Name(format));
        Assert.Equal(contentType, OutputFormats.ContentType(format));
        Assert.Equal(extension, OutputFormats.FileExtension(format));
    }

    [Fact]
    public void Name_EveryFormat_ParsesBack() =>
        Assert.All(Enum.GetValues<OutputFormat>(), format =>
        {
            Assert.True(OutputFormats.TryParse(OutputFormats.Name(format), out var parsed));
            Assert.Equal(format, parsed);
        });

    [Fact]
    public void Write_UnknownFormat_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputFormats.Write(SampleAlignment.Result, (OutputFormat)99));

    [Theory]
    [InlineData(OutputFormat.Json)]
    [InlineData(OutputFormat.Lrc)]
    [InlineData(OutputFormat.Elrc)]
    [InlineData(OutputFormat.Srt)]
    [InlineData(OutputFormat.Vtt)]
    [InlineData(OutputFormat.TextGrid)]
    public void Write_Sample_MatchesGoldenFile(OutputFormat format)
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "Foreman.Tests", "Alignment", "Formats", "Golden", "sample." + OutputFormats.Name(format));
        // Decoded without BOM detection, so a stray BOM or CRLF in the golden file fails the comparison: byte for byte.
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(golden)), OutputFormats.Write(SampleAlignment.Result, format));
    }

    [Fact]
    public void Write_NoLines_EveryFormatWrites() =>
        Assert.All(Enum.GetValues<OutputFormat>(), format =>
            Assert.Null(Record.Exception(() => OutputFormats.Write(new AlignmentResult("m", 0, []), format))));
}
