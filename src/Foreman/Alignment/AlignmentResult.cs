namespace Foreman.Alignment;

/// <summary>The aligned lyrics of one audio file: what every output format is written from.</summary>
/// <param name="Model">Name of the model that produced the alignment.</param>
/// <param name="Duration">Length of the decoded audio, seconds.</param>
public sealed record AlignmentResult(string Model, double Duration, IReadOnlyList<AlignedLine> Lines);

/// <summary>One sung lyric line, with its original text (as the user wrote it) and times in seconds.</summary>
/// <param name="Confidence">Mean posterior of the line's frames, 0..1; low when the line was not found.</param>
public sealed record AlignedLine(string Text, double Start, double End, double Confidence, IReadOnlyList<AlignedWord> Words);

/// <summary>One word of a line, with its original text and times in seconds.</summary>
public sealed record AlignedWord(string Text, double Start, double End, double Confidence);
