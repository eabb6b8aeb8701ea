using Foreman.Bench;
using Foreman.Tests.Support;

namespace Foreman.Tests.Alignment;

/// <summary>
/// Real songs through the real engine. Limits are the line- and word-start MAE the bundled model measures plus a
/// margin, so a regression of the model or the line handling fails here before it shows in the benchmark.
/// </summary>
public sealed class SongAccuracyRegressionTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    // Limits: the bundled model's measured MAE (foreman-bench songs) plus about 10 ms for other CPUs' arithmetic.
    [Theory]
    [InlineData("dev_06", 0.022, 0.032)] // no music, mixed sung/spoken: measured 11.7 ms line / 21.4 ms word
    [InlineData("dev_11", 0.021, null)]  // no music, spoken, repeated chorus: measured 10.8 ms (no word truth)
    [InlineData("dev_05", 0.018, 0.030)] // music at 10 dB: measured 8.3 / 20.3 ms
    [InlineData("dev_09", 0.030, 0.025)] // music at 0 dB, instrumental intro: measured 20.5 / 14.9 ms
    [InlineData("dev_14", 0.060, 0.070)] // music at 0 dB, slow stretched singing: measured 48.6 / 60.2 ms
    public async Task Align_BenchSong_StartsStayWithinMeasuredError(string name, double maxLineMeanSeconds, double? maxWordMeanSeconds)
    {
        var song = BundledModelFixture.Song(name);
        var samples = await fixture.DecodeAsync(song);
        var result = fixture.Align(samples, song.Lyrics);
        var errors = SongErrors.Of(song, result);

        Assert.Equal(song.Lines.Count, errors.LineStarts.Count);
        Assert.True(errors.LineStarts.Average() <= maxLineMeanSeconds,
            $"{name}: line-start MAE {errors.LineStarts.Average() * 1000:0.0} ms exceeds {maxLineMeanSeconds * 1000:0} ms");
        if (maxWordMeanSeconds is { } maxWord)
            Assert.True(errors.WordStarts.Average() <= maxWord,
                $"{name}: word-start MAE {errors.WordStarts.Average() * 1000:0.0} ms exceeds {maxWord * 1000:0} ms");
    }
}
