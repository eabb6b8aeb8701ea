using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Foreman.Alignment;

/// <summary>The aligned lyrics of one audio file: what every output format is written from.</summary>
/// <param name="Model">Name of the model that produced the alignment.</param>
/// <param name="Duration">Length of the decoded audio, seconds.</param>
/// <param name="Lines">Every non-blank line of the submitted lyrics, in order, aligned or not.</param>
public sealed record AlignmentResult(string Model, double Duration, [property: JsonPropertyOrder(1)] IReadOnlyList<AlignedLine> Lines)
{
    /// <summary>ISO 639-1 code the lyrics were read in (numbers spelled, text romanized): the one asked for, or guessed from the script; absent in results stored before languages existed.</summary>
    public string? Language { get; init; }

    /// <summary>The lines that have times, in order: what the subtitle and karaoke formats show.</summary>
    [JsonIgnore]
    public IEnumerable<AlignedLine> TimedLines => Lines.Where(line => line.IsTimed);
}

/// <summary>One non-blank lyric line, with its original text (as the user wrote it) and, when aligned, times in seconds.</summary>
/// <param name="Start">Start, seconds; absent unless the status is aligned.</param>
/// <param name="End">End, seconds; absent unless the status is aligned.</param>
/// <param name="Confidence">How sure the engine is of the line's place, 0..1 (see <see cref="Ctc.LineConfidence"/>); absent unless aligned.</param>
/// <param name="Words">The aligned words, in order; empty for a line that is not aligned.</param>
public sealed record AlignedLine(string Text, double? Start, double? End, double? Confidence, IReadOnlyList<AlignedWord> Words)
{
    /// <summary>0-based line number in the lyrics as submitted (\n, \r\n and \r each end a line).</summary>
    /// <remarks>Required in the OpenAPI document; results stored before lines had an index read as 0.</remarks>
    [JsonPropertyOrder(-1), Required]
    public int Index { get; init; }

    /// <summary>Whether the line was aligned, skipped on purpose, or could not be aligned.</summary>
    [JsonPropertyOrder(-1), Required]
    public LineStatus Status { get; init; } = LineStatus.Aligned;

    /// <summary>Why the line is not aligned: section_tag, repeat_marker, stage_direction or nothing_to_align (see <see cref="LineReasons"/>); absent for aligned lines.</summary>
    [JsonPropertyOrder(-1)]
    public string? Reason { get; init; }

    /// <summary>Aligned, with times: what the subtitle and karaoke formats show.</summary>
    [JsonIgnore]
    public bool IsTimed => Status == LineStatus.Aligned && Start is not null && End is not null;

    /// <summary>Start of a timed line, seconds.</summary>
    [JsonIgnore]
    public double StartSeconds => Start ?? throw new InvalidOperationException($"line {Index} has no times ({Status})");

    /// <summary>End of a timed line, seconds.</summary>
    [JsonIgnore]
    public double EndSeconds => End ?? throw new InvalidOperationException($"line {Index} has no times ({Status})");
}

/// <summary>One word of a line, with its original text and times in seconds.</summary>
public sealed record AlignedWord(string Text, double Start, double End, double Confidence);
