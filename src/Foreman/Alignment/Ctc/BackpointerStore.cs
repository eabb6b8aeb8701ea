using System.Runtime.CompilerServices;

namespace Foreman.Alignment.Ctc;

/// <summary>
/// Viterbi back-pointers for a run of frames: the jump taken (0..<see cref="AlignmentGraph.MaxJump"/>) into each
/// state active at each frame, two to a byte, in large chunks. Only active ranges are stored, and the chunks are
/// reused from one segment of a checkpointed trace-back to the next, so memory stays at one segment's worth.
/// </summary>
/// <param name="bytesPerFrame">The most bytes one frame needs; with the frames, it sizes the chunks, so a short
/// alignment does not reserve a large chunk.</param>
internal sealed class BackpointerStore(int capacityFrames, int bytesPerFrame)
{
    private const int MaxChunkSize = 1 << 24;

    private readonly int _chunkSize = (int)Math.Clamp((long)capacityFrames * bytesPerFrame, bytesPerFrame, Math.Max(MaxChunkSize, bytesPerFrame));
    private readonly List<byte[]> _chunks = [];
    private readonly int[] _chunkOf = new int[capacityFrames];
    private readonly int[] _offsetOf = new int[capacityFrames];
    private readonly int[] _firstState = new int[capacityFrames];
    private readonly int[] _stateCount = new int[capacityFrames];
    private int _firstFrame;
    private int _chunk = -1;
    private int _used = int.MaxValue;

    /// <summary>Forgets what is stored; the next frames stored start at <paramref name="firstFrame"/>.</summary>
    public void Reset(int firstFrame)
    {
        _firstFrame = firstFrame;
        _chunk = -1;
        _used = int.MaxValue;
    }

    // Runs per frame or per sample: optimized from the first call, since `foreman align` ends before tiering would.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Store(int frame, int firstState, ReadOnlySpan<byte> jumps)
    {
        var bytes = (jumps.Length + 1) / 2;
        if (bytes > _chunkSize) throw new InvalidOperationException($"{jumps.Length} active states exceed one back-pointer chunk");
        if (bytes > _chunkSize - _used)
        {
            if (++_chunk == _chunks.Count) _chunks.Add(GC.AllocateUninitializedArray<byte>(_chunkSize));
            _used = 0;
        }
        var packed = _chunks[_chunk].AsSpan(_used, bytes);
        for (var i = 0; i < bytes; i++)
            packed[i] = (byte)(jumps[2 * i] | (2 * i + 1 < jumps.Length ? jumps[2 * i + 1] << 4 : 0));
        var index = frame - _firstFrame;
        _chunkOf[index] = _chunk;
        _offsetOf[index] = _used;
        _firstState[index] = firstState;
        _stateCount[index] = jumps.Length;
        _used += bytes;
    }

    /// <summary>The jump that led into <paramref name="state"/> at <paramref name="frame"/>.</summary>
    public int JumpInto(int frame, int state)
    {
        var index = frame - _firstFrame;
        var position = state - _firstState[index];
        if ((uint)position >= (uint)_stateCount[index]) throw new InvalidOperationException($"state {state} was not active at frame {frame}");
        return (_chunks[_chunkOf[index]][_offsetOf[index] + position / 2] >> (4 * (position & 1))) & 0xF;
    }
}
