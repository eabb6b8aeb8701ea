using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData(0, "00:00.00")]
    [InlineData(1.004, "00:01.00")]
    [InlineData(1.0051, "00:01.01")]
    [InlineData(59.994, "00:59.99")]
    [InlineData(59.999, "01:00.00")]
    [InlineData(3662.5, "61:02.50")]
    [InlineData(-1, "00:00.00")]
    [InlineData(double.NaN, "00:00.00")]
    [InlineData(double.PositiveInfinity, "00:00.00")]
    public void Lrc_Seconds_RoundedToCentisecondsBeforeSplitting(double seconds, string expected) =>
        Assert.Equal(expected, Timestamps.Lrc(seconds));

    [Theory]
    [InlineData(0, "00:00:00,000", "00:00:00.000")]
    [InlineData(1_999, "00:00:01,999", "00:00:01.999")]
    [InlineData(3_661_250, "01:01:01,250", "01:01:01.250")]
    [InlineData(360_000_000, "100:00:00,000", "100:00:00.000")]
    public void SrtAndWebVtt_Milliseconds_Clock(long milliseconds, string srt, string vtt)
    {
        Assert.Equal(srt, Timestamps.Srt(milliseconds));
        Assert.Equal(vtt, Timestamps.WebVtt(milliseconds));
    }

    [Theory]
    [InlineData(1.0004, 1000)]
    [InlineData(1.0005, 1001)]
    [InlineData(-0.2, 0)]
    public void Milliseconds_Seconds_RoundedHalfAwayFromZero(double seconds, long expected) =>
        Assert.Equal(expected, Timestamps.Milliseconds(seconds));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1500, "1.5")]
    [InlineData(2000, "2")]
    [InlineData(3_725_001, "3725.001")]
    public void Seconds_Milliseconds_ShortestInvariant(long milliseconds, string expected) =>
        Assert.Equal(expected, Timestamps.Seconds(milliseconds));

    [Theory]
    [InlineData(1.0, 2.0, 1000, 2000)]
    [InlineData(1.0, 1.0, 1000, 1001)]
    [InlineData(1.0, 0.5, 1000, 1001)]
    public void Cue_Line_EndAfterStart(double start, double end, long expectedStart, long expectedEnd) =>
        Assert.Equal((expectedStart, expectedEnd), Timestamps.Cue(new AlignedLine("x", start, end, 1, [])));
}
