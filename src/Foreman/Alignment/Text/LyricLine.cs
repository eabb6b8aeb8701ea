namespace Foreman.Alignment.Text;

/// <summary>A lyric line that is sung: its original text for output and its words for the model.</summary>
/// <param name="SourceLine">1-based line number in the lyrics as submitted.</param>
/// <param name="Text">The line as the user wrote it, surrounding whitespace trimmed.</param>
public sealed record LyricLine(int SourceLine, string Text, IReadOnlyList<LyricWord> Words);

/// <summary>One word: how to show it, and the model characters to align it with.</summary>
/// <param name="Text">The word as written, edge punctuation stripped.</param>
/// <param name="Tokens">The word normalized into vocabulary tokens (one string per token, in the vocabulary's case); may span several spoken words (<c>1999</c>, <c>rock-n-roll</c>), with the vocabulary's word delimiter between them; never empty.</param>
public sealed record LyricWord(string Text, IReadOnlyList<string> Tokens);
