namespace Foreman.Tests.Deployment;

/// <summary>
/// Reads the subset of YAML a Compose file uses, enough to check it without a YAML package: block maps and sequences
/// by indentation, sequences of maps, flow sequences of scalars (<c>[a, "b"]</c>), quoted scalars and comments. Maps
/// become dictionaries, sequences lists, scalars strings (null for an empty value). Anything else throws.
/// </summary>
public static class ComposeYaml
{
    public static object? Parse(string text)
    {
        var lines = text.Split('\n')
            .Select(StripComment)
            .Where(l => l.Trim().Length > 0)
            .Select(l => new Line(l.Length - l.TrimStart(' ').Length, l.Trim()))
            .ToList();
        var index = 0;
        var root = lines.Count == 0 ? null : Block(lines, ref index, lines[0].Indent);
        if (index != lines.Count) throw new FormatException($"unexpected indentation at '{lines[index].Text}'");
        return root;
    }

    private static object Block(List<Line> lines, ref int index, int indent) =>
        lines[index].Text.StartsWith('-') ? Sequence(lines, ref index, indent) : Map(lines, ref index, indent);

    private static Dictionary<string, object?> Map(List<Line> lines, ref int index, int indent)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (index < lines.Count && lines[index].Indent == indent && !lines[index].Text.StartsWith('-'))
        {
            var text = lines[index].Text;
            var colon = text.EndsWith(':') ? text.Length - 1 : text.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0) throw new FormatException($"not a 'key: value' line: '{text}'");
            var key = Scalar(text[..colon].Trim())!;
            var value = text[(colon + 1)..].Trim();
            index++;
            if (!map.TryAdd(key, value.Length > 0 ? Value(value) : Nested(lines, ref index, indent)))
                throw new FormatException($"duplicate key '{key}'");
        }
        return map;
    }

    private static List<object?> Sequence(List<Line> lines, ref int index, int indent)
    {
        var sequence = new List<object?>();
        while (index < lines.Count && lines[index].Indent == indent && lines[index].Text.StartsWith('-'))
        {
            var item = lines[index].Text[1..].TrimStart();
            if (item.EndsWith(':') || item.Contains(": ", StringComparison.Ordinal))
            {
                // "- key: value" opens a map whose keys line up with "key".
                lines[index] = new Line(indent + lines[index].Text.Length - item.Length, item);
                sequence.Add(Map(lines, ref index, lines[index].Indent));
            }
            else
            {
                sequence.Add(Value(item));
                index++;
            }
        }
        return sequence;
    }

    private static object? Nested(List<Line> lines, ref int index, int indent) =>
        index < lines.Count && (lines[index].Indent > indent || (lines[index].Indent == indent && lines[index].Text.StartsWith('-')))
            ? Block(lines, ref index, lines[index].Indent)
            : null;

    private static object? Value(string text) =>
        text.StartsWith('[') && text.EndsWith(']')
            ? SplitFlow(text[1..^1]).Select(Scalar).ToList<object?>()
            : Scalar(text);

    private static string? Scalar(string text) =>
        text.Length >= 2 && (text[0] == '"' || text[0] == '\'') && text[^1] == text[0] ? text[1..^1] : text;

    private static IEnumerable<string> SplitFlow(string text)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (quote is null && text[i] is '"' or '\'') quote = text[i];
            else if (text[i] == quote) quote = null;
            else if (quote is null && text[i] == ',')
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        if (text[start..].Trim().Length > 0) yield return text[start..].Trim();
    }

    // A '#' starts a comment at the line's start or after a space, outside quotes.
    private static string StripComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            if (quote is null && line[i] is '"' or '\'') quote = line[i];
            else if (line[i] == quote) quote = null;
            else if (quote is null && line[i] == '#' && (i == 0 || line[i - 1] == ' ')) return line[..i].TrimEnd();
        }
        return line.TrimEnd('\r', ' ');
    }

    private readonly record struct Line(int Indent, string Text);
}
