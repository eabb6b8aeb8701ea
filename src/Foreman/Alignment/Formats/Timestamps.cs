using System.Globalization;

namespace Foreman.Alignment.Formats;

/// <summary>Time rounding and the clock notations of the output formats, in one place so every format rounds alike.</summary>
internal static class Timestamps
{
    /// <summary>Seconds rounded to whole milliseconds.</summary>
    public static long Milliseconds(double seconds) => Round(seconds, 1000);

    /// <summary>Seconds rounded to milliseconds, as seconds again: what the JSON and TextGrid documents carry.</summary>
    public static double RoundedSeconds(double seconds) => Milliseconds(seconds) / 1000.0;

    /// <summary>LRC <c>mm:ss.xx</c>: rounded to centiseconds before splitting (59.999 s → <c>01:00.00</c>); minutes keep counting past an hour.</summary>
    public static string Lrc(double seconds)
    {
        var cs = Round(seconds, 100);
        return string.Create(CultureInfo.InvariantCulture, $"{cs / 6000:00}:{cs / 100 % 60:00}.{cs % 100:00}");
    }

    /// <summary>SubRip <c>hh:mm:ss,mmm</c>.</summary>
    public static string Srt(long milliseconds) => Clock(milliseconds, ',');

    /// <summary>WebVTT <c>hh:mm:ss.mmm</c>.</summary>
    public static string WebVtt(long milliseconds) => Clock(milliseconds, '.');

    /// <summary>Milliseconds as plain invariant seconds, no trailing zeros (<c>1.5</c>, <c>2</c>), as Praat writes them.</summary>
    public static string Seconds(long milliseconds) => (milliseconds / 1000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>A subtitle cue's span in milliseconds; the end is kept after the start, as SubRip and WebVTT players need.</summary>
    public static (long Start, long End) Cue(AlignedLine line)
    {
        var start = Milliseconds(line.StartSeconds);
        return (start, Math.Max(Milliseconds(line.EndSeconds), start + 1));
    }

    private static string Clock(long ms, char separator) =>
        string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{separator}{ms % 1000:000}");

    // A negative or non-finite time (a broken alignment) is written as 0 rather than failing the whole document.
    private static long Round(double seconds, int perSecond) =>
        double.IsFinite(seconds) && seconds > 0 ? (long)Math.Round(seconds * perSecond, MidpointRounding.AwayFromZero) : 0;
}
