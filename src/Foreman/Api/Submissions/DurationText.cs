using System.Globalization;
using System.Text.RegularExpressions;

namespace Foreman.Api;

/// <summary>
/// Parses durations the way Ollama's <c>keep_alive</c> does: a number of seconds (<c>300</c>, <c>-1</c>) or a sequence of
/// number+unit (<c>5m</c>, <c>1h30m</c>, <c>250ms</c>, <c>-1s</c>).
/// </summary>
internal static partial class DurationText
{
    [GeneratedRegex(@"^(?<sign>-)?(?:(?<n>\d+(?:\.\d+)?)(?<unit>ms|s|m|h))+$")]
    private static partial Regex WithUnits();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!double.IsFinite(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds / 2) return false;
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }
        var match = WithUnits().Match(text);
        if (!match.Success) return false;
        double totalMs = 0;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            totalMs += n * match.Groups["unit"].Captures[i].Value switch { "ms" => 1, "s" => 1_000, "m" => 60_000, _ => 3_600_000 };
        }
        if (totalMs > TimeSpan.MaxValue.TotalMilliseconds / 2) return false;
        duration = TimeSpan.FromMilliseconds(match.Groups["sign"].Success ? -totalMs : totalMs);
        return true;
    }
}
