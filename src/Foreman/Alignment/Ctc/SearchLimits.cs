namespace Foreman.Alignment.Ctc;

/// <summary>How much a <see cref="CtcViterbi"/> search may cost.</summary>
/// <param name="BackpointerBudgetBytes">Most memory for back-pointers held at once; beyond it the trace-back recomputes
/// them segment by segment from score checkpoints.</param>
/// <param name="ExactCells">Lattices of at most this many frames × graph states are searched exactly.</param>
/// <param name="BandStates">Beyond <paramref name="ExactCells"/>, the most states visited per frame: a band around the
/// frame's best state, so the cost per frame does not grow with the lyrics.</param>
public readonly record struct SearchLimits(long BackpointerBudgetBytes, long ExactCells, int BandStates)
{
    /// <summary>No band, back-pointers within <paramref name="backpointerBudgetBytes"/>: the exact search.</summary>
    public static SearchLimits Exact(long backpointerBudgetBytes) => new(backpointerBudgetBytes, long.MaxValue, int.MaxValue);

    /// <summary>How many states a frame of <paramref name="graph"/> over <paramref name="frames"/> frames may visit.</summary>
    public int StatesPerFrame(AlignmentGraph graph, int frames) =>
        (long)frames * graph.Count <= ExactCells ? graph.Count : Math.Min(graph.Count, BandStates);
}
