using Foreman.Alignment.Ctc;
using EmissionMatrix = Foreman.Emissions.EmissionMatrix;
using static Foreman.Tests.Alignment.Ctc.SyntheticEmissions;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class LineStartPosteriorTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void AgreementWithChosen_SmallGraph_EqualsTheSumOverEveryPath(int seed, int tolerance)
    {
        // Random emissions over 14 frames: few enough that every path can be listed and weighed.
        var emissions = RandomEmissions(seed, frames: 14);
        var scorer = new FrameScorer(emissions, Vocabulary.BlankId, Vocabulary.WordDelimiterId, new LineScoringOptions());
        var graph = AlignmentGraphBuilder.WithGaps(Lines("AB", "C"), Vocabulary, scorer);
        var chosen = new[] { Span(3, 5), Span(8, 8) };

        // A window wider than the file: every path counts.
        var agreement = LineStartPosterior.AgreementWithChosen(scorer, graph, chosen, tolerance, windowFrames: 14, null, CancellationToken.None);

        var expected = BruteForce(scorer, graph, path => true, chosen, tolerance);
        Assert.Equal(expected[0], agreement[0], tolerance: 1e-5);
        Assert.Equal(expected[1], agreement[1], tolerance: 1e-5);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(2, 9)] // a chosen span far longer than the window: the line may also end well before its chosen end
    public void AgreementWithChosen_NarrowWindow_SumsOnlyThePathsKeepingEachLineWithinIt(int firstLineStart, int firstLineEnd)
    {
        var emissions = RandomEmissions(seed: 4, frames: 14);
        var scorer = new FrameScorer(emissions, Vocabulary.BlankId, Vocabulary.WordDelimiterId, new LineScoringOptions());
        var graph = AlignmentGraphBuilder.WithGaps(Lines("AB", "C"), Vocabulary, scorer);
        var chosen = new[] { Span(firstLineStart, firstLineEnd), Span(11, 11) };
        const int window = 2;

        var agreement = LineStartPosterior.AgreementWithChosen(scorer, graph, chosen, toleranceFrames: 1, window, null, CancellationToken.None);

        // Every frame's state within the frames the band gives it.
        var band = StateBand.Around(graph, chosen, window, emissions.Frames);
        var expected = BruteForce(scorer, graph, path => Enumerable.Range(0, path.Length).All(t =>
            band.FramesOf(path[t]).First <= t && t <= band.FramesOf(path[t]).Last), chosen, toleranceFrames: 1);
        Assert.Equal(expected[0], agreement[0], tolerance: 1e-5);
        Assert.Equal(expected[1], agreement[1], tolerance: 1e-5);
        Assert.NotEqual(expected[0], BruteForce(scorer, graph, path => true, chosen, toleranceFrames: 1)[0], 3);
    }

    [Fact]
    public void AgreementWithChosen_LineHeardInTwoPlacesAlike_IsAboutHalf()
    {
        // "AB" sung clearly twice, the line once: the best path takes one and the other is as likely. (Paths that start
        // with the first A and end with the second B idle in line blanks across the break, charged enough not to count.)
        var emissions = FromScript("__AB" + new string('_', 24) + "AB__");
        var scorer = new FrameScorer(emissions, Vocabulary.BlankId, Vocabulary.WordDelimiterId, new LineScoringOptions());
        var graph = AlignmentGraphBuilder.WithGaps(Lines("AB"), Vocabulary, scorer);

        var agreement = LineStartPosterior.AgreementWithChosen(scorer, graph, [Span(2, 3)], toleranceFrames: 1, windowFrames: 40, null, CancellationToken.None);

        Assert.InRange(agreement[0], 0.45, 0.55);
    }

    private static EmissionMatrix RandomEmissions(int seed, int frames)
    {
        var random = new Random(seed);
        var width = Vocabulary.Size;
        var values = new float[frames * width];
        for (var t = 0; t < frames; t++)
        {
            var row = Enumerable.Range(0, width).Select(_ => random.NextDouble() * 4).ToArray();
            var log = Math.Log(row.Sum(Math.Exp));
            for (var c = 0; c < width; c++) values[t * width + c] = (float)(row[c] - log);
        }
        return new EmissionMatrix(values, frames, width, 0.02);
    }

    private static LineSpan Span(int first, int last) => new(new FrameSpan(first, last, 1), [new FrameSpan(first, last, 1)]);

    // Every path through the graph that <paramref name="counts"/>, weighed by exp(sum of its scores): each line's
    // agreement with its chosen start, averaged with those weights.
    private static double[] BruteForce(FrameScorer scorer, AlignmentGraph graph, Func<int[], bool> counts, LineSpan[] chosen, int toleranceFrames)
    {
        var rows = Enumerable.Range(0, scorer.Frames).Select(t =>
        {
            var row = new float[scorer.Width];
            scorer.Fill(t, row);
            return row;
        }).ToArray();
        var agreeing = new double[chosen.Length];
        var total = 0.0;
        var path = new int[scorer.Frames];

        void Walk(int t, double logWeight)
        {
            if (t == scorer.Frames)
            {
                if (!graph.CanEnd(path[^1]) || !counts(path)) return;
                var weight = Math.Exp(logWeight);
                total += weight;
                for (var line = 0; line < chosen.Length; line++)
                {
                    var start = Array.FindIndex(path, s => graph[s].Line == line);
                    agreeing[line] += weight * LineConfidence.Agreement(start - chosen[line].Line.First, toleranceFrames);
                }
                return;
            }
            for (var s = 0; s < graph.Count; s++)
            {
                var allowed = t == 0 ? graph.CanStart(s) : s >= path[t - 1] && (graph.PredecessorsOf(s) & (1 << (s - path[t - 1]))) != 0;
                if (!allowed) continue;
                path[t] = s;
                Walk(t + 1, logWeight + rows[t][graph.ColumnOf(s)]);
            }
        }

        Walk(0, 0);
        return agreeing.Select(a => a / total).ToArray();
    }
}
