using Foreman.Bench;

namespace Foreman.Tests.Alignment;

/// <summary>
/// Real songs through the real engine. Limits are the line-start MAE measured when the engine was tuned plus a
/// margin, so a regression of the line handling fails here before it shows in the benchmark.
/// </summary>
public sealed class SongAccuracyRegressionTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    [Theory]
    [InlineData("dev_06", 0.030)] // no music, mixed sung/spoken: measured 10 ms
    [InlineData("dev_11", 0.030)] // no music, spoken, repeated chorus: measured 13 ms
    [InlineData("dev_05", 0.060)] // music at 10 dB: measured 32 ms (plain CTC: 160 ms)
    [InlineData("dev_09", 0.060)] // music at 0 dB, instrumental intro: measured 21 ms (plain CTC: 147 ms)
    public async Task Align_BenchSong_LineStartsStayWithinMeasuredError(string name, double maxMeanSeconds)
    {
        var song = BundledModelFixture.Song(name);
        var samples = await fixture.DecodeAsync(song);
        var engine = fixture.Model.Engine;
        var lines = engine.Parse(song.Lyrics);

        var result = fixture.Model.Align(samples, song.Lyrics, null, TestContext.Current.CancellationToken);
        var errors = SongErrors.Of(song, lines, result);

        Assert.Equal(song.Lines.Count, errors.LineStarts.Count);
        Assert.True(errors.LineStarts.Average() <= maxMeanSeconds,
            $"{name}: line-start MAE {errors.LineStarts.Average() * 1000:0} ms exceeds {maxMeanSeconds * 1000:0} ms");
    }
}
