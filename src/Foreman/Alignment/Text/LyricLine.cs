namespace Foreman.Alignment.Text;

/// <summary>A non-blank lyric line: its original text for output, its words for the model, and whether it is aligned.</summary>
/// <param name="SourceLine">1-based line number in the lyrics as submitted.</param>
/// <param name="Text">The line as the user wrote it, surrounding whitespace trimmed.</param>
/// <param name="Words">The words to align; empty for a line that is not aligned.</param>
/// <param name="Status">Aligned (it has words), skipped (a tag) or unaligned (nothing the vocabulary can express).</param>
/// <param name="Reason">Why the line is not aligned, a <see cref="LineReasons"/> code; null for an aligned line.</param>
public sealed record LyricLine(int SourceLine, string Text, IReadOnlyList<LyricWord> Words, LineStatus Status = LineStatus.Aligned, string? Reason = null)
{
    /// <summary>0-based line number, as the result reports it.</summary>
    public int Index => SourceLine - 1;
}

/// <summary>One word: how to show it, and the model characters to align it with.</summary>
/// <param name="Text">The word as written, edge punctuation stripped.</param>
/// <param name="Tokens">The word normalized into vocabulary tokens (one string per token, in the vocabulary's case); may span several spoken words (<c>1999</c>, <c>rock-n-roll</c>), with the vocabulary's word delimiter between them; never empty.</param>
public sealed record LyricWord(string Text, IReadOnlyList<string> Tokens);
