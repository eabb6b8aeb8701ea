using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Foreman.Models.Hub;

/// <summary>A repository on the hub and a revision of it: <c>OWNER/NAME[@REVISION]</c> (revision <c>main</c> by default).</summary>
public sealed partial record HubModelReference(string Owner, string Name, string Revision)
{
    public const string DefaultRevision = "main";

    /// <summary><c>owner/name@revision</c>, as the user writes it.</summary>
    public override string ToString() => $"{Owner}/{Name}@{Revision}";

    /// <summary>The local model name a pull uses unless told otherwise: the repository's name (whose pattern is narrower than <see cref="ModelNames.Pattern"/>).</summary>
    public string DefaultLocalName => Name;

    /// <summary>Parses <c>OWNER/NAME[@REVISION]</c>; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out HubModelReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var (repository, revision) = text?.Trim().Split('@', 2) switch
        {
            [var r] => (r, DefaultRevision),
            [var r, var v] => (r, v),
            _ => ("", DefaultRevision),
        };
        var parts = repository.Split('/');
        if (parts.Length != 2 || !IsSegment(parts[0]) || !IsSegment(parts[1]))
        {
            error = $"'{text}' is not OWNER/NAME[@REVISION] (letters, digits, '.', '_' and '-' in OWNER and NAME)";
            return false;
        }
        // Branches may contain '/' (refs/pr/1); the revision is escaped into one URL segment, but still never '..'.
        if (!RevisionPattern().IsMatch(revision) || revision.Contains("..", StringComparison.Ordinal))
        {
            error = $"'{revision}' is not a revision (a branch, tag or commit: letters, digits, '.', '_', '-' and '/')";
            return false;
        }
        reference = new HubModelReference(parts[0], parts[1], revision);
        error = null;
        return true;
    }

    private static bool IsSegment(string segment) => SegmentPattern().IsMatch(segment) && !segment.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,254}$")]
    private static partial Regex RevisionPattern();
}
