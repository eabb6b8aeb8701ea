using System.Text.Json;
using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed class JsonAlignmentWriterTests
{
    [Fact]
    public void Write_Sample_ParsesBackRounded()
    {
        var parsed = JsonSerializer.Deserialize(JsonAlignmentWriter.Write(SampleAlignment.Result), AlignmentJsonContext.Default.AlignmentResult);

        Assert.NotNull(parsed);
        Assert.Equal("foreman-tiny-en", parsed.Model);
        Assert.Equal(3725.5, parsed.Duration);
        Assert.Equal(SampleAlignment.Result.Lines.Select(l => l.Text), parsed.Lines.Select(l => l.Text));
        Assert.Equal(SampleAlignment.Result.Lines.SelectMany(l => l.Words).Select(w => w.Text), parsed.Lines.SelectMany(l => l.Words).Select(w => w.Text));
        Assert.Equal(0.877, parsed.Lines[1].Words[1].Confidence);
        Assert.Equal(1.999, parsed.Lines[1].End);
        Assert.Equal([0, 1, 3, 4, 5], parsed.Lines.Select(l => l.Index));
        Assert.Equal([LineStatus.Skipped, LineStatus.Aligned, LineStatus.Aligned, LineStatus.Unaligned, LineStatus.Aligned], parsed.Lines.Select(l => l.Status));
        Assert.Equal("en", parsed.Language);
    }

    [Fact]
    public void Write_Keys_LowerCase()
    {
        using var json = JsonDocument.Parse(JsonAlignmentWriter.Write(SampleAlignment.Result));
        Assert.Equal(["model", "duration", "language", "lines"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["index", "status", "reason", "text", "words"], json.RootElement.GetProperty("lines")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["index", "status", "text", "start", "end", "confidence", "words"], json.RootElement.GetProperty("lines")[1].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["text", "start", "end", "confidence"], json.RootElement.GetProperty("lines")[1].GetProperty("words")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Write_LinesNotAligned_StatusReasonAndNoTimes()
    {
        using var json = JsonDocument.Parse(JsonAlignmentWriter.Write(SampleAlignment.Result));
        var lines = json.RootElement.GetProperty("lines");
        Assert.Equal(("skipped", "section_tag"), (lines[0].GetProperty("status").GetString(), lines[0].GetProperty("reason").GetString()));
        Assert.Equal(("unaligned", "nothing_to_align"), (lines[3].GetProperty("status").GetString(), lines[3].GetProperty("reason").GetString()));
        Assert.Equal("aligned", lines[1].GetProperty("status").GetString());
        Assert.False(lines[0].TryGetProperty("start", out _));
        Assert.Equal(0, lines[3].GetProperty("words").GetArrayLength());
    }

    [Fact]
    public void Write_NonFiniteNumbers_WrittenAsZero()
    {
        var result = new AlignmentResult("m", double.NaN, [new AlignedLine("a", double.NegativeInfinity, 1, double.NaN, [new AlignedWord("a", 0, 1, double.PositiveInfinity)])]);
        using var json = JsonDocument.Parse(JsonAlignmentWriter.Write(result));
        Assert.Equal(0, json.RootElement.GetProperty("duration").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("lines")[0].GetProperty("confidence").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("lines")[0].GetProperty("words")[0].GetProperty("confidence").GetDouble());
    }
}
