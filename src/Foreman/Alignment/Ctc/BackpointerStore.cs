namespace Foreman.Alignment.Ctc;

/// <summary>
/// Viterbi back-pointers, one byte (the jump taken) per state kept at each frame. Only the active range of each
/// frame is stored, in large chunks, so a pruned pass over an hour of audio needs megabytes, not a T×S table.
/// </summary>
internal sealed class BackpointerStore(int frames)
{
    private const int ChunkSize = 1 << 24;

    private readonly List<byte[]> _chunks = [];
    private readonly int[] _chunkOf = new int[frames];
    private readonly int[] _offsetOf = new int[frames];
    private readonly int[] _firstState = new int[frames];
    private readonly int[] _stateCount = new int[frames];
    private int _used = ChunkSize;

    /// <summary>Bytes held, for diagnostics.</summary>
    public long Bytes => (long)_chunks.Count * ChunkSize;

    public void Store(int frame, int firstState, ReadOnlySpan<byte> jumps)
    {
        if (jumps.Length > ChunkSize) throw new InvalidOperationException($"{jumps.Length} active states exceed one back-pointer chunk");
        if (_used + jumps.Length > ChunkSize)
        {
            _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkSize));
            _used = 0;
        }
        jumps.CopyTo(_chunks[^1].AsSpan(_used));
        _chunkOf[frame] = _chunks.Count - 1;
        _offsetOf[frame] = _used;
        _firstState[frame] = firstState;
        _stateCount[frame] = jumps.Length;
        _used += jumps.Length;
    }

    /// <summary>The jump that led into <paramref name="state"/> at <paramref name="frame"/>.</summary>
    public int JumpInto(int frame, int state)
    {
        var index = state - _firstState[frame];
        if ((uint)index >= (uint)_stateCount[frame]) throw new InvalidOperationException($"state {state} was not active at frame {frame}");
        return _chunks[_chunkOf[frame]][_offsetOf[frame] + index];
    }
}
