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
    [InlineData("dev_06", 0.023, 0.030)] // no music, mixed sung/spoken: measured 12.9 ms line / 19.5 ms word
    [InlineData("dev_11", 0.021, null)]  // no music, spoken, repeated chorus: measured 10.8 ms (no word truth)
    [InlineData("dev_05", 0.018, 0.028)] // music at 10 dB: measured 8.3 / 18.3 ms
    [InlineData("dev_09", 0.027, 0.026)] // music at 0 dB, instrumental intro: measured 17.1 / 15.5 ms
    [InlineData("dev_14", 0.059, 0.076)] // music at 0 dB, slow stretched singing: measured 48.6 / 66.2 ms
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
