using Foreman.Alignment;
using Foreman.Tests.Support;

namespace Foreman.Tests.Alignment;

public sealed class ForcedAlignmentEngineTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    [Fact]
    public void Align_LyricsWithoutSungLine_ThrowsInputException()
    {
        var error = Assert.Throws<AlignmentInputException>(
            () => fixture.Align(new float[16000], "  \n\n[Chorus]\n !! ...\n(x2)\n"));

        Assert.StartsWith("the lyrics contain no line to align", error.Message);
    }

    [Fact]
    public void Align_AudioShorterThanAFrame_ThrowsInputException()
    {
        Assert.Throws<AlignmentInputException>(() => fixture.Align(new float[100], "hello"));
    }

    [Fact]
    public void Align_AudioTooShortForText_ThrowsInputException()
    {
        var lyrics = "a line far too long to be sung in a fifth of a second";

        var error = Assert.Throws<AlignmentInputException>(
            () => fixture.Align(new float[3200], lyrics));

        Assert.Contains("too short", error.Message);
    }

    [Fact]
    public async Task Align_BenchSong_KeepsOriginalTextOrdersTimesAndReportsProgress()
    {
        var song = BundledModelFixture.Song("dev_06");
        var samples = await fixture.DecodeAsync(song);
        var progress = new List<double>();

        var result = fixture.Align(samples, song.Lyrics, progress: new SynchronousProgress(progress.Add));

        Assert.Equal("foreman-tiny-en", result.Model);
        Assert.Equal(samples.Length / 16000.0, result.Duration, 6);
        Assert.Equal(song.Lyrics.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), result.Lines.Select(l => l.Text));
        var times = result.Lines.SelectMany(l => l.Words).SelectMany(w => new[] { w.Start, w.End }).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.All(result.Lines, l => Assert.InRange(l.Confidence!.Value, 0, 1));
        Assert.Equal(1.0, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
