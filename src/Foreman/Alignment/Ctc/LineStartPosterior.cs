using System.Numerics;
using System.Runtime.CompilerServices;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// How sure the scores themselves are of where each line starts: over every path through the graph, each weighted by
/// its probability under the frame scores (forward-backward), how well the line's start agrees with where the best path
/// put it (<see cref="LineConfidence.Agreement"/>). The best path can beat one that places a whole stretch of lines
/// seconds elsewhere by a hair; every scoring charge weighed differently still picks the same winner, so the
/// alternatives of <see cref="LineConfidence"/> cannot see that, but the runner-up's share of the probability shows here.
/// </summary>
/// <remarks>
/// The paths summed keep every line within a window of its chosen place (<see cref="StateBand"/>), so each frame sums
/// over the states of the lines near it only. The result is the agreement among those paths: the ones the window
/// leaves out drop from the whole sum, so a window narrower than the song's doubt overstates the confidence.
/// The sums run over logarithms: within one frame, a path still in the intro can outweigh one already three lines in by
/// more than a double spans, though the frames after settle it the other way. The long-stay charge is left out: it
/// depends on how long a path has stayed in a gap, which a sum over paths does not track.
/// </remarks>
public static class LineStartPosterior
{
    /// <summary>
    /// For each line, its start's agreement with where <paramref name="chosen"/> (one span per line of
    /// <paramref name="graph"/>, in order) starts it, expected over the paths that keep every line within
    /// <paramref name="windowFrames"/> of its chosen span.
    /// </summary>
    /// <param name="toleranceFrames">The offset at which a start agrees half; 0 counts only the chosen frame.</param>
    public static double[] AgreementWithChosen(FrameScorer scorer, AlignmentGraph graph, IReadOnlyList<LineSpan> chosen, int toleranceFrames, int windowFrames,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var firstStates = FirstStates(graph, chosen.Count);
        var band = StateBand.Around(graph, chosen, windowFrames, scorer.Frames);
        var entering = Forward(scorer, graph, band, firstStates, ProgressSpan.Of(progress, 0, 0.5), cancellationToken);
        var leaving = Backward(scorer, graph, band, firstStates, ProgressSpan.Of(progress, 0.5, 1), cancellationToken);
        var agreements = new double[chosen.Count];
        for (var line = 0; line < agreements.Length; line++)
            agreements[line] = ExpectedAgreement(entering[line], leaving[line], chosen[line].Line.First, toleranceFrames);
        return agreements;
    }

    // Every path starts the line exactly once, so the log weights of starting it at each frame, normalized, are its
    // start's distribution.
    private static double ExpectedAgreement(StateTrack entering, StateTrack leaving, int chosenStart, int tolerance)
    {
        var best = double.NegativeInfinity;
        for (var t = entering.First; t <= entering.Last; t++) best = Math.Max(best, entering[t] + leaving[t]);
        double agreeing = 0, all = 0;
        for (var t = entering.First; t <= entering.Last; t++)
        {
            var weight = Math.Exp(entering[t] + leaving[t] - best);
            all += weight;
            agreeing += weight * LineConfidence.Agreement(t - chosenStart, tolerance);
        }
        return all > 0 ? agreeing / all : 0;
    }

    // Per line and frame, the log weight of every path prefix that enters the line's first state at that frame.
    private static StateTrack[] Forward(FrameScorer scorer, AlignmentGraph graph, StateBand band, int[] firstStates, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var frames = scorer.Frames;
        var entering = Tracks(band, firstStates);
        var previous = new double[graph.Count];
        var current = new double[graph.Count];
        var scores = new float[scorer.Width];

        scorer.Fill(0, scores);
        var (low, high) = band.At(0);
        for (var s = low; s <= high; s++) previous[s] = graph.CanStart(s) ? scores[graph.ColumnOf(s)] : double.NegativeInfinity;
        // The tracks covering frame t: from..to−1 (their first and last frames both rise with the line).
        int from = 0, to = 0;
        for (; to < entering.Length && entering[to].First == 0; to++)
            if (graph.CanStart(entering[to].State)) entering[to][0] = 0;

        for (var t = 1; t < frames; t++)
        {
            if ((t & 1023) == 0) ProgressSpan.Checkpoint(progress, (double)t / frames, cancellationToken);
            var (newLow, newHigh) = band.At(t);
            while (to < entering.Length && entering[to].First <= t) to++;
            while (from < to && entering[from].Last < t) from++;
            for (var line = from; line < to; line++) entering[line][t] = Into(graph, previous, entering[line].State, low, high, includeStay: false);
            scorer.Fill(t, scores);
            ForwardStep(graph, scores, previous, current, low, high, newLow, newHigh, frames - t);
            (low, high) = (newLow, newHigh);
            (previous, current) = (current, previous);
        }
        return entering;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardStep(AlignmentGraph graph, float[] scores, double[] previous, double[] current, int low, int high, int newLow,
        int newHigh, int framesLeft)
    {
        for (var s = newLow; s <= newHigh; s++)
            // A state that cannot reach the end in the frames left is on no complete path.
            current[s] = graph.FramesToEndFrom(s) > framesLeft
                ? double.NegativeInfinity
                : Into(graph, previous, s, low, high, includeStay: true) + scores[graph.ColumnOf(s)];
    }

    // Log-sum of the previous frame's weights over the states (within low..high) the path may come into state s from.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Into(AlignmentGraph graph, double[] previous, int s, int low, int high, bool includeStay)
    {
        var into = double.NegativeInfinity;
        var mask = graph.PredecessorsOf(s) & (includeStay ? 0xff : 0xfe);
        for (; mask != 0; mask &= mask - 1)
        {
            var from = s - BitOperations.TrailingZeroCount(mask);
            if (from < low) break;
            if (from <= high) into = LogAdd(into, previous[from]);
        }
        return into;
    }

    // Per line and frame, the log weight of every path suffix from the line's first state at that frame (its score included).
    private static StateTrack[] Backward(FrameScorer scorer, AlignmentGraph graph, StateBand band, int[] firstStates, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var frames = scorer.Frames;
        var successors = SuccessorMasks(graph);
        var leaving = Tracks(band, firstStates);
        var later = new double[graph.Count];
        var current = new double[graph.Count];
        var scores = new float[scorer.Width];
        var laterScores = new float[scorer.Width];

        scorer.Fill(frames - 1, scores);
        var (low, high) = band.At(frames - 1);
        for (var s = low; s <= high; s++) later[s] = graph.CanEnd(s) ? 0 : double.NegativeInfinity;
        // The tracks covering frame t: from..to−1, as in the forward pass but walking back.
        int from = leaving.Length, to = leaving.Length;
        for (var t = frames - 1; t >= 0; t--)
        {
            if ((t & 1023) == 0) ProgressSpan.Checkpoint(progress, 1 - (double)t / frames, cancellationToken);
            if (t < frames - 1)
            {
                (scores, laterScores) = (laterScores, scores);
                scorer.Fill(t, scores);
                var (newLow, newHigh) = band.At(t);
                BackwardStep(graph, successors, laterScores, later, current, low, high, newLow, newHigh);
                (low, high) = (newLow, newHigh);
                (later, current) = (current, later);
            }
            while (to > 0 && leaving[to - 1].First > t) to--;
            while (from > 0 && leaving[from - 1].Last >= t) from--;
            for (var line = from; line < to; line++) leaving[line][t] = later[leaving[line].State] + scores[graph.ColumnOf(leaving[line].State)];
        }
        return leaving;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardStep(AlignmentGraph graph, byte[] successors, float[] laterScores, double[] later, double[] current, int low,
        int high, int newLow, int newHigh)
    {
        for (var s = newLow; s <= newHigh; s++)
        {
            var from = double.NegativeInfinity;
            for (int mask = successors[s]; mask != 0; mask &= mask - 1)
            {
                var to = s + BitOperations.TrailingZeroCount(mask);
                if (to > high) break;
                if (to >= low) from = LogAdd(from, later[to] + laterScores[graph.ColumnOf(to)]);
            }
            current[s] = from;
        }
    }

    private static StateTrack[] Tracks(StateBand band, int[] states) => states.Select(state => new StateTrack(state, band.FramesOf(state))).ToArray();

    // log(e^a + e^b) = a + log(1 + e^(b − a)) for b ≤ a, the second term read from a table (linear between entries,
    // off by under 1e-5): the sums take one per state and frame, and Math.Log and Math.Exp would take most of the time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogAdd(double a, double b)
    {
        if (a < b) (a, b) = (b, a);
        var gap = (a - b) * LogAddTable.StepsPerNat;
        // Also catches b = −∞ (and a = b = −∞, where gap is NaN).
        if (!(gap < LogAddTable.Steps)) return a;
        var step = (int)gap;
        var table = LogAddTable.Values;
        return a + table[step] + (gap - step) * (table[step + 1] - table[step]);
    }

    // Bit k of a state's mask: the path may go from it to the state k further on.
    private static byte[] SuccessorMasks(AlignmentGraph graph)
    {
        var masks = new byte[graph.Count];
        for (var s = 0; s < graph.Count; s++)
            for (int mask = graph.PredecessorsOf(s); mask != 0; mask &= mask - 1)
            {
                var jump = BitOperations.TrailingZeroCount(mask);
                masks[s - jump] |= (byte)(1 << jump);
            }
        return masks;
    }

    private static int[] FirstStates(AlignmentGraph graph, int lines)
    {
        var first = Enumerable.Repeat(-1, lines).ToArray();
        for (var s = 0; s < graph.Count; s++)
            if (graph[s].Line >= 0 && first[graph[s].Line] < 0) first[graph[s].Line] = s;
        return first;
    }

    // One state's log weights over the frames the band lets a path be in it.
    private sealed class StateTrack(int state, (int First, int Last) frames)
    {
        private readonly double[] _values = Enumerable.Repeat(double.NegativeInfinity, Math.Max(0, frames.Last - frames.First + 1)).ToArray();

        public int State => state;
        public int First => frames.First;
        public int Last => frames.Last;

        public double this[int t]
        {
            get => _values[t - frames.First];
            set => _values[t - frames.First] = value;
        }
    }
}
