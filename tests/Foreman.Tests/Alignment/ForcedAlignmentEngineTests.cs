using Foreman.Alignment;
using Foreman.Emissions;
using Foreman.Tests.Alignment.Ctc;
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

    [Fact]
    public async Task Align_BenchSong_EveryLineConfidentWhereTheModelHearsItClearly()
    {
        // A clean synthetic song: every alternative alignment finds each line where the engine does.
        var song = BundledModelFixture.Song("dev_06");

        var result = fixture.Align(await fixture.DecodeAsync(song), song.Lyrics);

        Assert.All(result.Lines, l => Assert.True(l.Confidence >= 0.9, $"'{l.Text}' has confidence {l.Confidence}"));
    }

    [Fact]
    public async Task AlignLines_BeyondTheExactSearch_ConfidenceIsTheStartPosteriorAlone()
    {
        // Hours of audio are searched in a band (here 256 states, narrower than the song's graph), where ten more
        // alignments would cost several times the alignment; the start posterior, banded too, stays.
        var song = BundledModelFixture.Song("dev_06");
        var heard = fixture.Model.Listen(await fixture.DecodeAsync(song), null, TestContext.Current.CancellationToken);
        var lines = ForcedAlignmentEngine.Parse(song.Lyrics, heard.Vocabulary).Sung;
        var banded = new ForcedAlignmentEngine(new AlignmentOptions { ExactSearchCells = 0, SearchBandStates = 256 });
        var meanPosterior = new ForcedAlignmentEngine(new AlignmentOptions { ExactSearchCells = 0, SearchBandStates = 256, ConfidenceFromAgreement = false });

        var progress = new List<double>();
        var spans = banded.AlignLines(heard, lines, new SynchronousProgress(progress.Add), TestContext.Current.CancellationToken);
        var plain = meanPosterior.AlignLines(heard, lines, null, TestContext.Current.CancellationToken);

        // The same places; a clean song's lines are where nearly every path starts them, while the mean posterior of
        // their frames runs 0.78-0.90.
        Assert.Equal(plain.Select(s => (s.Line.First, s.Line.Last)), spans.Select(s => (s.Line.First, s.Line.Last)));
        Assert.All(spans, s => Assert.InRange(s.Line.Confidence, 0.99, 1));
        Assert.Contains(plain, s => s.Line.Confidence < 0.9);
        // The posterior's passes report progress too, after the search's 90%.
        Assert.Equal(progress.Order(), progress);
        Assert.Contains(progress, p => p is > 0.9 and < 1);
    }

    [Fact]
    public void AlignLines_LineHeardAlikeInTwoPlaces_IsHalfConfident()
    {
        // Every alternative scoring picks the same of two equally clear renditions, 3 s apart, so they all agree; the
        // start's posterior splits between the two.
        var emissions = SyntheticEmissions.FromScript("__AB" + new string('_', 150) + "AB__");
        var heard = new AudioEmissions(emissions, SyntheticEmissions.Vocabulary, emissions.Frames * emissions.FrameSeconds);
        var engine = new ForcedAlignmentEngine(new AlignmentOptions());

        var spans = engine.AlignLines(heard, SyntheticEmissions.Lines("AB"), null, TestContext.Current.CancellationToken);

        Assert.InRange(spans[0].Line.Confidence, 0.45, 0.55);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
