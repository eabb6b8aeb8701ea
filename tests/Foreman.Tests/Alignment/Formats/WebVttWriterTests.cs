using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed class WebVttWriterTests
{
    [Fact]
    public void Write_Sample_CueTimesOrderedAndTimestampsInsideCues()
    {
        var cues = SubtitleCues.Read(WebVttWriter.Write(SampleAlignment.Result));

        Assert.Equal(SampleAlignment.Result.TimedLines.Count(), cues.Count);
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
        Assert.All(cues, AssertTimestampsStrictlyInside);
    }

    [Fact]
    public void Write_WordTimesAtOrOutsideCueEdges_TimestampsStayStrictlyInside()
    {
        // Words starting before the cue, together, and at the cue end: only times strictly inside may be written.
        var line = new AlignedLine("a b c d e", 1.0, 2.0, 1,
        [
            new AlignedWord("a", 0.9, 1.1, 1), new AlignedWord("b", 0.95, 1.2, 1), new AlignedWord("c", 1.5, 1.6, 1),
            new AlignedWord("d", 1.5, 1.7, 1), new AlignedWord("e", 2.0, 2.0, 1),
        ]);
        var vtt = WebVttWriter.Write(new AlignmentResult("m", 3, [line]));

        Assert.Equal("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na <00:00:01.001>b <00:00:01.500>c <00:00:01.501>d e\n", vtt);
        Assert.All(SubtitleCues.Read(vtt), AssertTimestampsStrictlyInside);
    }

    [Fact]
    public void Write_MarkupCharacters_Escaped()
    {
        var vtt = WebVttWriter.Write(new AlignmentResult("m", 3, [new AlignedLine("you & me <3 --> forever", 0, 1, 1, [])]));
        Assert.Contains("\nyou &amp; me &lt;3 --&gt; forever\n", vtt);
    }

    private static void AssertTimestampsStrictlyInside((long Start, long End, string Text) cue)
    {
        var previous = cue.Start;
        foreach (var timestamp in SubtitleCues.InlineTimestamps(cue.Text))
        {
            Assert.True(timestamp > previous && timestamp < cue.End, $"{timestamp} in ({previous}, {cue.End}) of {cue.Text}");
            previous = timestamp;
        }
    }
}
