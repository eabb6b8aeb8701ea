using Foreman.Alignment.Ctc;
using Foreman.Alignment.Text;
using static Foreman.Tests.Alignment.Ctc.SyntheticEmissions;

namespace Foreman.Tests.Alignment.Ctc;

/// <summary>
/// The search beyond <see cref="SearchLimits.ExactCells"/>: a band of states around each frame's best, on long
/// generated lattices (hundreds of lines, thousands of graph states) whose planted path the exact search finds.
/// </summary>
public sealed class BandedSearchTests
{
    private const int LineCount = 300;
    private const int Band = 256;
    private const long Unbounded = 1L << 40;
    private static readonly LineScoringOptions Scoring = new();

    // A free run of 100 frames, as the engine's 2 s at 20 ms: the planted breaks run up to 80, stray-X ones included.
    private static readonly LongStayCharge LongStay = new(100, Scoring.LongBreakPenalty);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Align_GraphWiderThanTheBand_FindsTheExactPath(int seed)
    {
        var (emissions, lines) = Planted(seed, LineCount);
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.WithGaps(lines, Vocabulary, scorer);
        Assert.True(graph.Count > 15 * Band, $"the graph has {graph.Count} states; the band would cover it");

        var exact = CtcViterbi.Align(scorer, graph, LongStay, SearchLimits.Exact(Unbounded), null, TestContext.Current.CancellationToken);
        var banded = CtcViterbi.Align(scorer, graph, LongStay, BandOnly(Unbounded), null, TestContext.Current.CancellationToken);

        Assert.Equal(exact, banded);
    }

    [Fact]
    public void Align_PlainGraphWiderThanTheBand_FindsTheExactPath()
    {
        var (emissions, lines) = Planted(seed: 4, LineCount);
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.PlainCtc(lines, Vocabulary);

        var exact = CtcViterbi.Align(scorer, graph, LongStayCharge.None, SearchLimits.Exact(Unbounded), null, TestContext.Current.CancellationToken);
        var banded = CtcViterbi.Align(scorer, graph, LongStayCharge.None, BandOnly(Unbounded), null, TestContext.Current.CancellationToken);

        Assert.Equal(exact, banded);
    }

    [Fact]
    public void Align_BandedInCheckpointedSegments_MatchesBandedWholeFile()
    {
        var (emissions, lines) = Planted(seed: 5, LineCount);
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.WithGaps(lines, Vocabulary, scorer);

        var whole = CtcViterbi.Align(scorer, graph, LongStay, BandOnly(Unbounded), null, TestContext.Current.CancellationToken);
        // 64 frames' worth of back-pointers: each segment is recomputed from its checkpoint, band decisions included.
        var segmented = CtcViterbi.Align(scorer, graph, LongStay, BandOnly(64 * Band / 2), null, TestContext.Current.CancellationToken);

        Assert.Equal(whole, segmented);
    }

    [Fact]
    public void Align_BeyondExactCells_MemoryFollowsTheBandNotTheGraph()
    {
        var (emissions, lines) = Planted(seed: 6, LineCount);
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.WithGaps(lines, Vocabulary, scorer);
        var frames = emissions.Frames;

        var exactBytes = AllocatedBy(() => CtcViterbi.Align(scorer, graph, LongStay, SearchLimits.Exact(Unbounded), null, TestContext.Current.CancellationToken));
        var bandedBytes = AllocatedBy(() => CtcViterbi.Align(scorer, graph, LongStay, BandOnly(Unbounded), null, TestContext.Current.CancellationToken));

        // Per frame: half a byte per banded state, the store's index (16 bytes) and each pass's path (4 bytes); per
        // state, the lattice's score, run and jump rows (25 bytes); the rest is small change.
        var bound = frames * (Band / 2 + 16L + 4 * CtcViterbi.MaxBandedPasses) + graph.Count * 25L + (256 << 10);
        Assert.True(bandedBytes < bound, $"banded search allocated {bandedBytes:N0} bytes, more than {bound:N0}");
        Assert.True(exactBytes > 3 * bound, $"exact search allocated {exactBytes:N0} bytes: the lattice is too small to tell");
    }

    [Fact]
    public void StatesPerFrame_LatticeWithinExactCells_VisitsEveryState()
    {
        var (emissions, lines) = Planted(seed: 7, lineCount: 20);
        var graph = AlignmentGraphBuilder.WithGaps(lines, Vocabulary, Scorer(emissions));
        var cells = (long)emissions.Frames * graph.Count;

        Assert.Equal(graph.Count, new SearchLimits(Unbounded, cells, Band).StatesPerFrame(graph, emissions.Frames));
        Assert.Equal(Band, new SearchLimits(Unbounded, cells - 1, Band).StatesPerFrame(graph, emissions.Frames));
    }

    private static SearchLimits BandOnly(long backpointerBudgetBytes) => new(backpointerBudgetBytes, ExactCells: 0, Band);

    private static long AllocatedBy(Action search)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        search();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static FrameScorer Scorer(Foreman.Emissions.EmissionMatrix emissions) =>
        new(emissions, Vocabulary.BlankId, Vocabulary.WordDelimiterId, Scoring);
}
