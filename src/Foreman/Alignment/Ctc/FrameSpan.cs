namespace Foreman.Alignment.Ctc;

/// <summary>Frames <paramref name="First"/>..<paramref name="Last"/> (inclusive) of an alignment.</summary>
/// <param name="Confidence">
/// 0..1: the mean posterior of the path's state over those frames, as read from the path; a line's is then replaced by
/// <see cref="LineConfidence"/> where the engine weighs alternatives.
/// </param>
public readonly record struct FrameSpan(int First, int Last, double Confidence);

/// <summary>Where one lyric line and each of its words fell.</summary>
public sealed record LineSpan(FrameSpan Line, IReadOnlyList<FrameSpan> Words);
