using System.Globalization;
using System.Text.RegularExpressions;

namespace Foreman.Tests.Alignment.Formats;

/// <summary>Reads cue timings and inline timestamps back out of written SRT and WebVTT, in milliseconds.</summary>
internal static partial class SubtitleCues
{
    public static IReadOnlyList<(long Start, long End, string Text)> Read(string document) =>
        CueTiming().Matches(document).Select(m => (Time(m.Groups["start"].Value), Time(m.Groups["end"].Value), m.Groups["text"].Value)).ToList();

    public static IReadOnlyList<long> InlineTimestamps(string cueText) =>
        InlineTimestamp().Matches(cueText).Select(m => Time(m.Groups[1].Value)).ToList();

    private static long Time(string clock)
    {
        var parts = clock.Split(':', ',', '.');
        return ((long.Parse(parts[0], CultureInfo.InvariantCulture) * 60 + long.Parse(parts[1], CultureInfo.InvariantCulture)) * 60
            + long.Parse(parts[2], CultureInfo.InvariantCulture)) * 1000 + long.Parse(parts[3], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<start>\d{2,}:\d{2}:\d{2}[,.]\d{3}) --> (?<end>\d{2,}:\d{2}:\d{2}[,.]\d{3})\n(?<text>[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex CueTiming();

    [GeneratedRegex(@"<(\d{2,}:\d{2}:\d{2}\.\d{3})>")]
    private static partial Regex InlineTimestamp();
}
