using Foreman.Alignment.Ctc;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class LineConfidenceTests
{
    [Fact]
    public void Of_MoreAlternativesAgree_GivesHigherConfidence()
    {
        // The line starts at frame 100; of four alternatives, 0, 1, then 2 start it there, the others 300 frames later.
        var confidences = new List<double>();
        for (var agreeing = 0; agreeing <= 2; agreeing++)
        {
            var alternatives = Enumerable.Range(0, 4).Select(i => (IReadOnlyList<LineSpan>)Spans(i < agreeing ? 100 : 400)).ToArray();
            confidences.Add(LineConfidence.Of(Spans(100), alternatives, SurePosterior, toleranceFrames: 15)[0].Line.Confidence);
        }

        // The chance that three alternatives drawn at random all agree: about the share, cubed (300 frames off counts 1/401).
        Assert.Equal([0.0, 0.016, 0.126], confidences.Select(c => Math.Round(c, 3)));
    }

    [Fact]
    public void Of_AlternativesFartherOff_GiveLowerConfidence()
    {
        // Every alternative disagrees, by 3, 15, then 60 frames: the nearer they start the line, the more they agree.
        var confidences = new[] { 3, 15, 60 }
            .Select(offset => LineConfidence.Of(Spans(100), [Spans(100 + offset), Spans(100 - offset)], SurePosterior, toleranceFrames: 15)[0].Line.Confidence)
            .ToArray();

        Assert.Equal(Math.Pow(1 / 1.04, 3), confidences[0], 9);
        Assert.Equal(0.125, confidences[1], 9); // half at the tolerance, cubed
        Assert.Equal(Math.Pow(1 / 17.0, 3), confidences[2], 9);
    }

    [Fact]
    public void Of_ZeroTolerance_CountsOnlyTheSameFrame()
    {
        var alternatives = new IReadOnlyList<LineSpan>[] { Spans(100), Spans(101) };

        var spans = LineConfidence.Of(Spans(100), alternatives, SurePosterior, toleranceFrames: 0);

        Assert.Equal(0.125, spans[0].Line.Confidence);
    }

    [Fact]
    public void Of_KeepsTimesAndWordConfidences()
    {
        var chosen = Spans(100);

        var spans = LineConfidence.Of(chosen, [Spans(300)], SurePosterior, toleranceFrames: 15);

        Assert.Equal((chosen[0].Line.First, chosen[0].Line.Last), (spans[0].Line.First, spans[0].Line.Last));
        Assert.Equal(chosen[0].Words, spans[0].Words);
        Assert.InRange(spans[0].Line.Confidence, 0, 1e-6); // 200 frames off: (1 / (1 + (200 / 15)²))³
    }

    [Fact]
    public void Of_NoAlternatives_IsThePosteriorAlone()
    {
        Assert.Equal(0.4, LineConfidence.Of(Spans(100), [], [0.4], toleranceFrames: 15)[0].Line.Confidence);
    }

    [Fact]
    public void Of_AlternativesAllAgreeButThePosteriorDoubts_GivesThePosterior()
    {
        // Every alternative starts the line where the chosen alignment does, yet only 0.3 of the probability agrees:
        // a drift every alternative shares.
        var spans = LineConfidence.Of(Spans(100), [Spans(100), Spans(100)], [0.3], toleranceFrames: 15);

        Assert.Equal(0.3, spans[0].Line.Confidence, 9);
    }

    [Fact]
    public void Agreement_HalfAtTheTolerance_FallingWithTheSquareBeyond()
    {
        Assert.Equal([1, 0.5, 0.2, 0.5], new[] { 0, 15, 30, -15 }.Select(offset => LineConfidence.Agreement(offset, 15)));
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

    // A posterior sure of the chosen start, so only the alternatives count.
    private static readonly double[] SurePosterior = [1];

    // One line of two words starting at the given frame, with a mean-posterior confidence of 0.7.
    private static LineSpan[] Spans(int first) =>
        [new LineSpan(new FrameSpan(first, first + 40, 0.7), [new FrameSpan(first, first + 15, 0.8), new FrameSpan(first + 20, first + 40, 0.6)])];
}
