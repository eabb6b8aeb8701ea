namespace Foreman.Alignment.Text;

/// <summary>One word as sung: letters the user wrote, or a word this app spelled out from a number or symbol.</summary>
/// <param name="IsSpelledOut">True for words this app wrote ("forty", "percent"); they are aligned only if the vocabulary has all their letters.</param>
internal readonly record struct SpokenWord(string Text, bool IsSpelledOut);
