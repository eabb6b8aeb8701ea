using System.Runtime.CompilerServices;
using System.Numerics;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// Viterbi forced alignment of an <see cref="AlignmentGraph"/> to frame scores, in log space. Each frame only
/// visits the states a path can be in (reached from the start, still able to reach the end). A lattice within
/// <see cref="SearchLimits.ExactCells"/> (every song) is searched exactly. A larger one (hours of audio with thousands
/// of words, where a frame could be in tens of thousands of states) is searched in a band of states per frame, so its
/// cost per frame stays that of a song: first around each frame's best state, then around the path found, again
/// until the path no longer changes (each band holds the whole of the last path, so a pass can only keep it or find
/// one the search scores higher).
/// When back-pointers for the whole file would pass a memory budget, the forward pass keeps score checkpoints instead
/// and the back-pointers are recomputed one segment at a time during the trace-back: same path, bounded memory, about
/// twice the time.
/// </summary>
public static class CtcViterbi
{
    /// <summary>Most banded passes, each as costly as the first; a path that settles takes one pass more to confirm.</summary>
    public const int MaxBandedPasses = 4;

    /// <summary>The state each frame is in along the best path.</summary>
    /// <exception cref="AlignmentInputException">There are fewer frames than the graph needs.</exception>
    public static int[] Align(FrameScorer scorer, AlignmentGraph graph, LongStayCharge longStay, SearchLimits limits,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var frames = scorer.Frames;
        if (frames < graph.MinimumFrames)
            throw new AlignmentInputException(
                $"the audio is too short for the lyrics: {frames} frames, but the text needs at least {graph.MinimumFrames}");

        var statesPerFrame = limits.StatesPerFrame(graph, frames);
        var lattice = new Lattice(scorer, graph, longStay, statesPerFrame);
        // Back-pointers take half a byte per visited state.
        var bytesPerFrame = Math.Max(1, (statesPerFrame + 1) / 2);
        var segment = (int)Math.Clamp(limits.BackpointerBudgetBytes / bytesPerFrame, 1, frames);
        var store = new BackpointerStore(Math.Min(frames, segment + 1), bytesPerFrame);
        if (statesPerFrame >= graph.Count) return Trace(lattice, store, frames, segment, progress, cancellationToken);

        // Pass k reports in [1 − 2^(1−k), 1 − 2^(−k)]: halves of what is left, however many passes it takes.
        var path = Trace(lattice, store, frames, segment, ProgressSpan.Of(progress, 0, 0.5), cancellationToken);
        for (var pass = 2; pass <= MaxBandedPasses; pass++)
        {
            lattice.Anchor = path;
            var done = 1 - Math.Pow(2, 1 - pass);
            var next = Trace(lattice, store, frames, segment, ProgressSpan.Of(progress, done, done + Math.Pow(2, -pass)), cancellationToken);
            if (next.AsSpan().SequenceEqual(path)) break;
            path = next;
        }
        return path;
    }

    private static int[] Trace(Lattice lattice, BackpointerStore store, int frames, int segment, IProgress<double>? progress,
        CancellationToken cancellationToken) =>
        segment >= frames
            ? TraceWholeFile(lattice, store, frames, progress, cancellationToken)
            : TraceInSegments(lattice, store, frames, segment, progress, cancellationToken);

    private static int[] TraceWholeFile(Lattice lattice, BackpointerStore store, int frames, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        store.Reset(1);
        lattice.Start();
        for (var t = 1; t < frames; t++)
        {
            if ((t & 1023) == 0) ProgressSpan.Checkpoint(progress, (double)t / frames, cancellationToken);
            lattice.Step(t, store);
        }
        var path = new int[frames];
        var state = lattice.BestEnd();
        for (var t = frames - 1; t >= 0; t--)
        {
            path[t] = state;
            if (t > 0) state -= store.JumpInto(t, state);
        }
        return path;
    }

    // Forward once keeping a score checkpoint per segment, then walk the segments backwards, recomputing each
    // one's back-pointers from its checkpoint and tracing the path through it.
    private static int[] TraceInSegments(Lattice lattice, BackpointerStore store, int frames, int segment, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var checkpoints = new List<Lattice.Checkpoint> { Lattice.Checkpoint.Initial };
        lattice.Start();
        for (var t = 1; t < frames; t++)
        {
            if (t % segment == 0) checkpoints.Add(lattice.Save(t - 1));
            if ((t & 1023) == 0) ProgressSpan.Checkpoint(progress, 0.5 * t / frames, cancellationToken);
            lattice.Step(t, store: null);
        }

        var path = new int[frames];
        var state = lattice.BestEnd();
        var segmentEnd = frames - 1;
        for (var k = checkpoints.Count - 1; k >= 0; k--)
        {
            ProgressSpan.Checkpoint(progress, 1 - 0.5 * segmentEnd / frames, cancellationToken);
            var checkpoint = checkpoints[k];
            if (checkpoint.Frame < 0) lattice.Start();
            else lattice.Restore(checkpoint);
            var first = Math.Max(1, checkpoint.Frame + 1);
            store.Reset(first);
            for (var t = first; t <= segmentEnd; t++) lattice.Step(t, store);
            for (var t = segmentEnd; t >= first; t--)
            {
                path[t] = state;
                state -= store.JumpInto(t, state);
            }
            segmentEnd = first - 1;
        }
        path[0] = state;
        return path;
    }

    /// <summary>The forward pass: best scores of the states active at the current frame, at most
    /// <paramref name="band"/> of them.</summary>
    private sealed class Lattice(FrameScorer scorer, AlignmentGraph graph, LongStayCharge longStay, int band)
    {
        /// <summary>A path to centre the band on; without one, the band follows each frame's best state.</summary>
        public int[]? Anchor { get; set; }

        private double[] _previous = new double[graph.Count];
        private double[] _current = new double[graph.Count];
        private int[] _previousRun = new int[graph.Count];
        private int[] _currentRun = new int[graph.Count];
        private readonly byte[] _jumps = new byte[graph.Count];
        private readonly float[] _scores = new float[scorer.Width];
        private int _low, _high;

        /// <summary>The lattice after <see cref="Frame"/>; frame −1 stands for "before the first frame".</summary>
        public sealed record Checkpoint(int Frame, int Low, double[] Scores, int[] Runs)
        {
            public static Checkpoint Initial { get; } = new(-1, 0, [], []);
        }

        public void Start()
        {
            scorer.Fill(0, _scores);
            _low = 0;
            _high = -1;
            for (var s = 0; s < graph.Count && graph.CanStart(s); s++)
            {
                _previous[s] = _scores[graph.ColumnOf(s)];
                _previousRun[s] = 1;
                _high = s;
            }
        }

        public Checkpoint Save(int frame) =>
            new(frame, _low, _previous[_low..(_high + 1)], _previousRun[_low..(_high + 1)]);

        public void Restore(Checkpoint checkpoint)
        {
            _low = checkpoint.Low;
            _high = checkpoint.Low + checkpoint.Scores.Length - 1;
            checkpoint.Scores.CopyTo(_previous, _low);
            checkpoint.Runs.CopyTo(_previousRun, _low);
        }

        // Runs per frame or per sample: optimized from the first call, since `foreman align` ends before tiering would.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Step(int t, BackpointerStore? store)
        {
            scorer.Fill(t, _scores);
            var framesLeft = scorer.Frames - t;
            var low = _low;
            var high = Math.Min(graph.Count - 1, _high + AlignmentGraph.MaxJump);
            if (Anchor is { } anchor)
            {
                low = Math.Max(low, anchor[t] - band / 2);
                high = Math.Min(high, anchor[t] - band / 2 + band - 1);
            }
            var best = low;
            var bestScore = double.NegativeInfinity;
            for (var s = low; s <= high; s++)
            {
                var into = double.NegativeInfinity;
                var taken = 0;
                if (s <= _high)
                {
                    into = _previous[s];
                    if (graph.IsLongStayCharged(s) && _previousRun[s] >= longStay.FreeFrames) into -= longStay.PenaltyPerFrame;
                }
                for (int mask = graph.PredecessorsOf(s) & ~1; mask != 0; mask &= mask - 1)
                {
                    var jump = BitOperations.TrailingZeroCount(mask);
                    var from = s - jump;
                    if (from < _low) break;
                    if (from > _high) continue;
                    if (_previous[from] > into)
                    {
                        into = _previous[from];
                        taken = jump;
                    }
                }
                // A state that cannot reach the end in the frames left is on no complete path.
                var score = graph.FramesToEndFrom(s) <= framesLeft ? into + _scores[graph.ColumnOf(s)] : double.NegativeInfinity;
                _current[s] = score;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = s;
                }
                _currentRun[s] = taken == 0 ? _previousRun[s] + 1 : 1;
                _jumps[s] = (byte)taken;
            }
            // Unreachable edges (either no path in yet, or no way out in time) leave the active range for good.
            while (low < high && double.IsNegativeInfinity(_current[low])) low++;
            while (high > low && double.IsNegativeInfinity(_current[high])) high--;
            if (high - low >= band)
            {
                // Centred on the frame's best state: a path that far behind or ahead of it is given up for good.
                low = Math.Clamp(best - band / 2, low, high - band + 1);
                high = low + band - 1;
            }
            _low = low;
            _high = high;
            store?.Store(t, low, _jumps.AsSpan(low, high - low + 1));
            (_previous, _current) = (_current, _previous);
            (_previousRun, _currentRun) = (_currentRun, _previousRun);
        }

        /// <summary>The best state the path may end in, after the last frame.</summary>
        public int BestEnd()
        {
            var end = -1;
            for (var s = _low; s <= _high; s++)
                if (graph.CanEnd(s) && double.IsFinite(_previous[s]) && (end < 0 || _previous[s] > _previous[end])) end = s;
            return end >= 0 ? end : throw new InvalidOperationException("no path reaches the end although the audio is long enough");
        }
    }
}
