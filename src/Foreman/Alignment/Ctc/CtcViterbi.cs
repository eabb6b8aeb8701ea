using System.Numerics;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// Viterbi forced alignment of an <see cref="AlignmentGraph"/> to frame scores, in log space. States whose score
/// falls more than a beam below the frame's best are dropped from the edges of the active range; an infinite beam
/// gives the exact best path.
/// </summary>
public static class CtcViterbi
{
    /// <summary>The state each frame is in along the best path.</summary>
    /// <exception cref="AlignmentInputException">There are fewer frames than the graph needs.</exception>
    public static int[] Align(FrameScorer scorer, AlignmentGraph graph, double beam, LongStayCharge longStay, CancellationToken cancellationToken)
    {
        var frames = scorer.Frames;
        if (frames < graph.MinimumFrames)
            throw new AlignmentInputException(
                $"the audio is too short for the lyrics: {frames} frames, but the text needs at least {graph.MinimumFrames}");
        var path = Run(scorer, graph, beam, longStay, cancellationToken);
        // The beam can prune every end state on pathological input; the exact pass always finds a path.
        return path ?? Run(scorer, graph, double.PositiveInfinity, longStay, cancellationToken)!;
    }

    private static int[]? Run(FrameScorer scorer, AlignmentGraph graph, double beam, LongStayCharge longStay, CancellationToken cancellationToken)
    {
        var frames = scorer.Frames;
        var count = graph.Count;
        var previous = new double[count];
        var current = new double[count];
        var jumps = new byte[count];
        var previousRun = new int[count];
        var currentRun = new int[count];
        var scores = new float[scorer.Width];
        var store = new BackpointerStore(frames);

        scorer.Fill(0, scores);
        int low = 0, high = -1;
        for (var s = 0; s < count && graph.CanStart(s); s++)
        {
            previous[s] = scores[graph.ColumnOf(s)];
            previousRun[s] = 1;
            high = s;
        }
        store.Store(0, low, jumps.AsSpan(0, high - low + 1));

        for (var t = 1; t < frames; t++)
        {
            if ((t & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            scorer.Fill(t, scores);
            var newHigh = Math.Min(count - 1, high + AlignmentGraph.MaxJump);
            var best = double.NegativeInfinity;
            for (var s = low; s <= newHigh; s++)
            {
                var into = double.NegativeInfinity;
                var taken = 0;
                if (s <= high)
                {
                    into = previous[s];
                    if (graph.IsLongStayCharged(s) && previousRun[s] >= longStay.FreeFrames) into -= longStay.PenaltyPerFrame;
                }
                for (int mask = graph.PredecessorsOf(s) & ~1; mask != 0; mask &= mask - 1)
                {
                    var jump = BitOperations.TrailingZeroCount(mask);
                    var from = s - jump;
                    if (from < low) break;
                    if (from > high) continue;
                    if (previous[from] > into)
                    {
                        into = previous[from];
                        taken = jump;
                    }
                }
                current[s] = into + scores[graph.ColumnOf(s)];
                currentRun[s] = taken == 0 ? previousRun[s] + 1 : 1;
                jumps[s] = (byte)taken;
                if (current[s] > best) best = current[s];
            }
            var threshold = best - beam;
            var newLow = low;
            while (newLow < newHigh && current[newLow] < threshold) newLow++;
            while (newHigh > newLow && current[newHigh] < threshold) newHigh--;
            low = newLow;
            high = newHigh;
            store.Store(t, low, jumps.AsSpan(low, high - low + 1));
            (previous, current) = (current, previous);
            (previousRun, currentRun) = (currentRun, previousRun);
        }

        var end = -1;
        for (var s = low; s <= high; s++)
            if (graph.CanEnd(s) && double.IsFinite(previous[s]) && (end < 0 || previous[s] > previous[end])) end = s;
        if (end < 0) return null;

        var path = new int[frames];
        for (var t = frames - 1; t >= 0; t--)
        {
            path[t] = end;
            if (t > 0) end -= store.JumpInto(t, end);
        }
        return graph.CanStart(path[0]) ? path : null;
    }
}
