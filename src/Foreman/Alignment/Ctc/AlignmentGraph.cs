namespace Foreman.Alignment.Ctc;

/// <summary>
/// A left-to-right CTC state sequence. Each state emits one column of a frame score row (a vocabulary id, or the
/// gap column of <see cref="FrameScorer"/>); a path stays in a state or moves forward, skipping only optional states.
/// </summary>
public sealed class AlignmentGraph
{
    /// <summary>Largest forward jump, so a back-pointer fits in a byte.</summary>
    public const int MaxJump = 7;

    private readonly int[] _column;
    private readonly byte[] _predecessors;
    private readonly bool[] _canStart;
    private readonly bool[] _canEnd;
    private readonly bool[] _longStayCharged;
    private readonly int[] _framesToEnd;
    private readonly GraphState[] _states;

    public int Count => _states.Length;

    /// <summary>The fewest frames a path needs: one per state it cannot skip.</summary>
    public int MinimumFrames { get; }

    public AlignmentGraph(IReadOnlyList<GraphState> states)
    {
        if (states.Count == 0) throw new ArgumentException("an alignment graph needs at least one state", nameof(states));
        _states = [.. states];
        var count = _states.Length;
        _column = new int[count];
        _predecessors = new byte[count];
        _canStart = new bool[count];
        _canEnd = new bool[count];
        _longStayCharged = new bool[count];
        for (var s = 0; s < count; s++)
        {
            _column[s] = _states[s].Column;
            _longStayCharged[s] = _states[s].LongStayCharged;
            _predecessors[s] = PredecessorMask(s);
        }
        for (var s = 0; s < count && (s == 0 || _states[s - 1].Optional); s++) _canStart[s] = true;
        for (var s = count - 1; s >= 0 && (s == count - 1 || _states[s + 1].Optional); s--) _canEnd[s] = true;
        MinimumFrames = ShortestPath();
        _framesToEnd = FramesToEnd();
    }

    public GraphState this[int state] => _states[state];

    /// <summary>Which score column state <paramref name="state"/> emits.</summary>
    public int ColumnOf(int state) => _column[state];

    /// <summary>Bit k set: the path may enter <paramref name="state"/> from state − k (bit 0: stay).</summary>
    public byte PredecessorsOf(int state) => _predecessors[state];

    /// <summary>The fewest frames, this state's included, from <paramref name="state"/> to the end of the graph.</summary>
    public int FramesToEndFrom(int state) => _framesToEnd[state];

    public bool IsLongStayCharged(int state) => _longStayCharged[state];

    public bool CanStart(int state) => _canStart[state];
    public bool CanEnd(int state) => _canEnd[state];

    // A jump may skip only optional states, and never joins two states of the same column: CTC would read
    // "L L" with no blank between as a single L.
    private byte PredecessorMask(int s)
    {
        byte mask = 1;
        for (var jump = 1; jump <= MaxJump && s - jump >= 0; jump++)
        {
            if (jump == 1 || _states[s - jump].Column != _states[s].Column) mask |= (byte)(1 << jump);
            if (!_states[s - jump].Optional) break;
        }
        return mask;
    }

    private int ShortestPath()
    {
        var visits = new int[Count];
        var best = int.MaxValue;
        for (var s = 0; s < Count; s++)
        {
            visits[s] = _canStart[s] ? 1 : int.MaxValue;
            for (var jump = 1; jump <= MaxJump; jump++)
                if ((_predecessors[s] & (1 << jump)) != 0 && visits[s - jump] != int.MaxValue)
                    visits[s] = Math.Min(visits[s], visits[s - jump] + 1);
            if (_canEnd[s]) best = Math.Min(best, visits[s]);
        }
        return best;
    }

    private int[] FramesToEnd()
    {
        var toEnd = new int[Count];
        for (var s = Count - 1; s >= 0; s--)
        {
            toEnd[s] = _canEnd[s] ? 1 : int.MaxValue;
            for (var jump = 1; jump <= MaxJump && s + jump < Count; jump++)
                if ((_predecessors[s + jump] & (1 << jump)) != 0 && toEnd[s + jump] != int.MaxValue)
                    toEnd[s] = Math.Min(toEnd[s], toEnd[s + jump] + 1);
        }
        return toEnd;
    }
}
