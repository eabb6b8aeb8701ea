using Foreman.Alignment;
using Foreman.Alignment.Ctc;
using Foreman.Alignment.Text;
using static Foreman.Tests.Alignment.Ctc.SyntheticEmissions;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class CtcViterbiTests
{
    private static readonly LineScoringOptions Scoring = new();

    [Fact]
    public void Align_RepeatedLetters_NeedsBlankBetween()
    {
        // "ALL" with the two Ls on adjacent frames and no blank cannot be read as two Ls; the path must use the blank.
        var lines = Lines("ALL");
        var spans = AlignPlain(FromScript("_A_L_L_"), lines);

        Assert.Equal((1, 5), (spans[0].Words[0].First, spans[0].Words[0].Last));
    }

    [Fact]
    public void Align_RepeatedLettersWithoutRoomForBlank_Throws()
    {
        // Three frames hold A, L, L only without the mandatory blank between the Ls.
        var lines = Lines("ALL");

        Assert.Throws<AlignmentInputException>(() => AlignPlain(FromScript("ALL"), lines));
    }

    [Fact]
    public void Align_OneFrameTokens_EachWordGetsItsFrames()
    {
        var spans = AlignPlain(FromScript("AB|C"), Lines("AB C"));

        Assert.Equal([(0, 1), (3, 3)], spans[0].Words.Select(w => (w.First, w.Last)));
    }

    [Fact]
    public void Align_FewerFramesThanTokens_ThrowsInputException()
    {
        var error = Assert.Throws<AlignmentInputException>(() => AlignPlain(FromScript("AB"), Lines("ABC")));

        Assert.Contains("too short", error.Message);
    }

    [Fact]
    public void Align_NoiseBurstBetweenLines_GapAbsorbsIt()
    {
        // Line "AB", a break with stray X frames, then line "CO". Plain CTC must give every frame to a line;
        // with gaps the second line still starts where C is heard.
        var emissions = FromScript("__AB____*_*_**__*___CO__");
        var lines = Lines("AB", "CO");

        var spans = AlignWithGaps(emissions, lines);

        Assert.Equal((2, 3), (spans[0].Line.First, spans[0].Line.Last));
        Assert.Equal((20, 21), (spans[1].Line.First, spans[1].Line.Last));
        Assert.True(spans[1].Line.Confidence > 0.8);
    }

    [Fact]
    public void Align_LineNeverSung_GetsLowConfidenceAndLeavesNeighboursInPlace()
    {
        // "BOX" is in the lyrics but only "AB" and "CO" are heard.
        var emissions = FromScript("__AB________________CO__");
        var spans = AlignWithGaps(emissions, Lines("AB", "BOX", "CO"));

        Assert.Equal(2, spans[0].Line.First);
        Assert.Equal(20, spans[2].Line.First);
        Assert.True(spans[1].Line.Confidence < 0.5, $"confidence {spans[1].Line.Confidence}");
    }

    [Fact]
    public void Align_CheckpointedSegments_MatchWholeFileTraceBack()
    {
        var emissions = FromScript("__AB__|_C___**_*__CO_|_LA____*__BA_L_L_O__");
        var lines = Lines("AB C", "CO LA", "BALLO");

        var exact = AlignWithGaps(emissions, lines);
        // A budget of a few bytes per frame forces one-frame segments, each recomputed from its checkpoint.
        var segmented = AlignWithGaps(emissions, lines, backpointerBudgetBytes: 1);

        Assert.Equal(exact.SelectMany(l => l.Words), segmented.SelectMany(l => l.Words));
    }

    private static LineSpan[] AlignPlain(Foreman.Emissions.EmissionMatrix emissions, IReadOnlyList<LyricLine> lines)
    {
        var graph = AlignmentGraphBuilder.PlainCtc(lines, Vocabulary);
        var path = CtcViterbi.Align(Scorer(emissions), graph, LongStayCharge.None, SearchLimits.Exact(1L << 30), null, TestContext.Current.CancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    private static LineSpan[] AlignWithGaps(Foreman.Emissions.EmissionMatrix emissions, IReadOnlyList<LyricLine> lines, long backpointerBudgetBytes = 1L << 30)
    {
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.WithGaps(lines, Vocabulary, scorer);
        var path = CtcViterbi.Align(scorer, graph, LongStayCharge.None, SearchLimits.Exact(backpointerBudgetBytes), null, TestContext.Current.CancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    private static FrameScorer Scorer(Foreman.Emissions.EmissionMatrix emissions) =>
        new(emissions, Vocabulary.BlankId, Vocabulary.WordDelimiterId, Scoring);
}
