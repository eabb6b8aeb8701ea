using System.Text.RegularExpressions;

namespace Foreman.Alignment.Text;

/// <summary>The parts of pasted lyrics that are never sung: section tags and repeat markers.</summary>
internal static partial class LyricMarkup
{
    private const string Section =
        @"(?:(?:pre|post)[- ]?chorus|chorus|verse|bridge|intro|outro|hook|refrain|interlude|instrumental|solo|breakdown|coda|ad[- ]?libs?)";

    // "Chorus", "Verse 2", "Repeat Chorus".
    private const string Label = $@"(?:repeat\s+)?{Section}(?:\s*\d+)?";

    // "x2", "2x", "×3", "repeat", "repeat 2x".
    private const string Repeat = @"(?:[x×]\s*\d+|\d+\s*[x×]|repeat(?:\s*[x×]?\s*\d+\s*[x×]?)?)";

    /// <summary>
    /// A line that is only a tag: anything in square or curly brackets (<c>[Verse 1]</c>, <c>[Chorus: Artist]</c>);
    /// a section name or repeat marker in parentheses (<c>(Chorus)</c>, <c>(x2)</c>) or bare (<c>Chorus:</c>, <c>x2</c>).
    /// Other parenthesized lines are kept: they are usually sung backing vocals.
    /// </summary>
    public static bool IsTagLine(string trimmedLine) => TagLine().IsMatch(trimmedLine);

    /// <summary>
    /// Why a tag line is not sung (a <see cref="LineReasons"/> code): a repeat marker (<c>x2</c>, <c>[Repeat]</c>), a
    /// section tag (<c>[Verse 1]</c>, <c>Chorus:</c>), or another bracketed note, a stage direction (<c>[Guitar solo]</c>);
    /// null for a line that is not a tag.
    /// </summary>
    public static string? TagReason(string trimmedLine) =>
        !IsTagLine(trimmedLine) ? null
        : RepeatLine().IsMatch(trimmedLine) ? LineReasons.RepeatMarker
        : SectionLine().IsMatch(trimmedLine) ? LineReasons.SectionTag
        : LineReasons.StageDirection;

    /// <summary>The line without inline markup: bracketed notes (<c>[x2]</c>, <c>[Chorus]</c>), <c>(x2)</c>, and a trailing bare <c>x2</c>.</summary>
    public static string RemoveInlineMarkers(string line) => InlineMarker().Replace(line, " ");

    [GeneratedRegex($@"^(?:\[.*\]|\{{.*\}}|\(\s*(?:{Label}(?:\s*[:\-–—].*)?(?:\s*{Repeat})?|{Repeat})\s*\)|{Label}\s*:?(?:\s*[\(\[]?{Repeat}[\)\]]?)?|{Repeat})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagLine();

    [GeneratedRegex($@"^[\(\[\{{]?\s*{Repeat}\s*[\)\]\}}]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RepeatLine();

    [GeneratedRegex($@"^[\(\[\{{]?\s*{Label}(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SectionLine();

    [GeneratedRegex($@"\[[^\]]*\]|\(\s*{Repeat}\s*\)|(?<!\S)[x×]\s*\d+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineMarker();
}
