namespace Foreman.Alignment.Ctc;

/// <summary>One state of an <see cref="AlignmentGraph"/>.</summary>
/// <param name="Column">The score column it emits: a vocabulary id or one of <see cref="FrameScorer"/>'s extra columns.</param>
/// <param name="Token">The vocabulary id it stands for (the blank for a penalized blank); −1 for the gap.</param>
/// <param name="Optional">Whether a path may skip it.</param>
/// <param name="LongStayCharged">Whether staying in it beyond a free run costs extra (see <see cref="LongStayCharge"/>).</param>
/// <param name="Line">Index of the lyric line it belongs to; −1 for states between lines.</param>
/// <param name="Word">Index of the word within the line; −1 for blanks and delimiters between words.</param>
public readonly record struct GraphState(int Column, int Token, bool Optional, bool LongStayCharged, int Line, int Word);
