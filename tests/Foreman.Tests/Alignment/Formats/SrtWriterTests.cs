using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed class SrtWriterTests
{
    [Fact]
    public void Write_Sample_CueTimesOrdered()
    {
        var cues = SubtitleCues.Read(SrtWriter.Write(SampleAlignment.Result));

        Assert.Equal(SampleAlignment.Result.TimedLines.Count(), cues.Count);
        Assert.All(cues, cue => Assert.True(cue.Start < cue.End, $"{cue.Start} < {cue.End}"));
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Fact]
    public void Write_Lines_NumberedFromOne()
    {
        var srt = SrtWriter.Write(new AlignmentResult("m", 5, [new AlignedLine("a", 1, 2, 1, []), new AlignedLine("b", 3, 3, 1, [])]));
        Assert.Equal("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 --> 00:00:03,001\nb\n", srt);
    }
}
