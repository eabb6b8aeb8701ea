using Foreman.Alignment.Ctc;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class LineAgreementTests
{
    [Fact]
    public void Apply_MoreAlternativesAgree_GivesHigherConfidence()
    {
        // Line 0 starts at frame 100; the alternatives put it at 100, 105, 120 and 400 (tolerance 15 frames).
        var chosen = Spans(100);
        var confidences = new List<double>();
        int[] starts = [100, 105, 120, 400];
        for (var agreeing = 0; agreeing <= 2; agreeing++)
        {
            var alternatives = starts.Select((start, i) => (IReadOnlyList<LineSpan>)Spans(i < agreeing ? start : 400)).ToArray();
            confidences.Add(LineAgreement.Apply(chosen, alternatives, toleranceFrames: 15)[0].Line.Confidence);
        }

        Assert.Equal([0.0, 0.25, 0.5], confidences);
    }

    [Fact]
    public void Apply_StartJustWithinAndBeyondTolerance_CountsOnlyTheFirst()
    {
        var alternatives = new IReadOnlyList<LineSpan>[] { Spans(115), Spans(116), Spans(85), Spans(84) };

        var spans = LineAgreement.Apply(Spans(100), alternatives, toleranceFrames: 15);

        Assert.Equal(0.5, spans[0].Line.Confidence);
    }

    [Fact]
    public void Apply_KeepsTimesAndWordConfidences()
    {
        var chosen = Spans(100);

        var spans = LineAgreement.Apply(chosen, [Spans(300)], toleranceFrames: 15);

        Assert.Equal((chosen[0].Line.First, chosen[0].Line.Last), (spans[0].Line.First, spans[0].Line.Last));
        Assert.Equal(chosen[0].Words, spans[0].Words);
        Assert.Equal(0.0, spans[0].Line.Confidence);
    }

    [Fact]
    public void Apply_NoAlternatives_LeavesTheConfidenceAsItIs()
    {
        Assert.Equal(0.7, LineAgreement.Apply(Spans(100), [], toleranceFrames: 15)[0].Line.Confidence);
    }

    [Fact]
    public void Neighbours_HalveAndDoubleEachChargeInUse()
    {
        var scoring = new LineScoringOptions { OnsetBlankPenalty = 0 };

        var neighbours = scoring.Neighbours().ToArray();

        // Four charges in use (stray letter, line blank, long break, quiet), each halved and doubled; the zero one is not varied.
        Assert.Equal(8, neighbours.Length);
        Assert.Contains(neighbours, n => n.StrayLetterPenalty == scoring.StrayLetterPenalty / 2);
        Assert.Contains(neighbours, n => n.QuietLinePenalty == scoring.QuietLinePenalty * 2);
        Assert.All(neighbours, n => Assert.Equal(0, n.OnsetBlankPenalty));
        Assert.All(neighbours, n => Assert.Equal(1, Differences(scoring, n)));
    }

    private static int Differences(LineScoringOptions a, LineScoringOptions b) =>
        new[]
        {
            a.StrayLetterPenalty != b.StrayLetterPenalty, a.OnsetBlankPenalty != b.OnsetBlankPenalty, a.LineBlankPenalty != b.LineBlankPenalty,
            a.LongBreakPenalty != b.LongBreakPenalty, a.QuietLinePenalty != b.QuietLinePenalty, a.QuietShare != b.QuietShare,
        }.Count(d => d);

    // One line of two words starting at the given frame, with a mean-posterior confidence of 0.7.
    private static LineSpan[] Spans(int first) =>
        [new LineSpan(new FrameSpan(first, first + 40, 0.7), [new FrameSpan(first, first + 15, 0.8), new FrameSpan(first + 20, first + 40, 0.6)])];
}
