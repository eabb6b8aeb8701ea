using System.Text.RegularExpressions;

namespace Foreman.Api;

/// <summary>
/// Shortens the absolute file paths in an error to their file name (<c>/srv/foreman/models/x/model.onnx</c> →
/// <c>…/model.onnx</c>), for callers who have not shown an API key: the reason stays readable without telling an
/// anonymous prober how the server's disks are laid out. URLs are left alone.
/// </summary>
public static partial class PathRedaction
{
    public static string? Redact(string? text) => text is null ? null : AbsolutePath().Replace(text, m => "…/" + m.Groups["last"].Value);

    // A '/' (or 'C:\') not preceded by a word character, ':' or '/' starts a path (so https://host/x is not one);
    // it runs to the last separator of its run of non-space characters.
    [GeneratedRegex(@"(?<![\w:/\\.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:'""]+[/\\])*(?<last>[^\s/\\:'""]+)")]
    private static partial Regex AbsolutePath();
}
