using Foreman.Alignment.Ctc;
using static Foreman.Tests.Alignment.Ctc.SyntheticEmissions;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class StateBandTests
{
    [Fact]
    public void Around_EachLinesStatesOnlyWithinTheWindowOfItsChosenSpan()
    {
        // Gap, "AB" (A, blank, B), gap, "C", gap: states 0, 1-3, 4, 5, 6.
        var scorer = new FrameScorer(FromScript(new string('_', 40)), Vocabulary.BlankId, Vocabulary.WordDelimiterId, new LineScoringOptions());
        var graph = AlignmentGraphBuilder.WithGaps(Lines("AB", "C"), Vocabulary, scorer);
        LineSpan[] chosen = [Span(10, 14), Span(25, 27)];

        var band = StateBand.Around(graph, chosen, windowFrames: 3, frames: 40);

        Assert.Equal((0, 0), band.At(6)); // the intro only
        Assert.Equal((0, 3), band.At(7)); // "AB" from its chosen start less 3
        Assert.Equal((0, 4), band.At(11)); // the gap after "AB" from its chosen end less 3
        Assert.Equal((0, 4), band.At(13)); // the intro until "AB"'s chosen start plus 3
        Assert.Equal((1, 4), band.At(17)); // "AB" until its chosen end plus 3
        Assert.Equal((4, 4), band.At(20)); // between the lines, neither window reaches
        Assert.Equal((4, 6), band.At(24)); // "C" from 22, the outro from its chosen end less 3
        Assert.Equal((5, 6), band.At(30)); // the gap before "C" until its chosen start plus 3
        Assert.Equal((6, 6), band.At(31));
        Assert.Equal((22, 30), band.FramesOf(5));
        Assert.Equal((0, 13), band.FramesOf(0));
    }

    private static LineSpan Span(int first, int last) => new(new FrameSpan(first, last, 1), [new FrameSpan(first, last, 1)]);
}
