using System.Text.Json.Serialization;

namespace Foreman.Alignment;

/// <summary>What became of one non-blank input line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LineStatus>))]
public enum LineStatus
{
    /// <summary>Timed: the line has a start, an end and its words.</summary>
    [JsonStringEnumMemberName("aligned")] Aligned,
    /// <summary>Not sung by design: a section tag, repeat marker or stage direction.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,
    /// <summary>Meant to be sung, but nothing in it can be expressed in the model's vocabulary (emoji, symbols only).</summary>
    [JsonStringEnumMemberName("unaligned")] Unaligned,
}

/// <summary>The <c>reason</c> codes of lines that are not aligned.</summary>
internal static class LineReasons
{
    /// <summary><c>[Verse 1]</c>, <c>Chorus:</c>, <c>(Repeat chorus)</c>.</summary>
    public const string SectionTag = "section_tag";
    /// <summary><c>x2</c>, <c>(2x)</c>, <c>[repeat]</c>.</summary>
    public const string RepeatMarker = "repeat_marker";
    /// <summary>Another bracketed note: <c>[Guitar solo]</c>, <c>{applause}</c>.</summary>
    public const string StageDirection = "stage_direction";
    /// <summary>No character of the line can be written in the model's vocabulary, even romanized.</summary>
    public const string NothingToAlign = "nothing_to_align";
}
