namespace Foreman.Alignment.Ctc;

/// <summary>One state of an <see cref="AlignmentGraph"/>.</summary>
/// <param name="Column">The score column it emits: a vocabulary id, or <see cref="FrameScorer.GapColumn"/>.</param>
/// <param name="Optional">Whether a path may skip it.</param>
/// <param name="Line">Index of the lyric line it belongs to; −1 for states between lines.</param>
/// <param name="Word">Index of the word within the line; −1 for blanks and delimiters between words.</param>
public readonly record struct GraphState(int Column, bool Optional, int Line, int Word);
