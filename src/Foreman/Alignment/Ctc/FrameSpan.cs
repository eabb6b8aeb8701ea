namespace Foreman.Alignment.Ctc;

/// <summary>Frames <paramref name="First"/>..<paramref name="Last"/> (inclusive) of an alignment.</summary>
/// <param name="Confidence">Mean posterior of the path's state over those frames, 0..1.</param>
public readonly record struct FrameSpan(int First, int Last, double Confidence);

/// <summary>Where one lyric line and each of its words fell.</summary>
public sealed record LineSpan(FrameSpan Line, IReadOnlyList<FrameSpan> Words);
