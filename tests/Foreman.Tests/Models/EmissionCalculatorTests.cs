using Foreman.Alignment;
using Foreman.Emissions;
using Foreman.Bench;
using Foreman.Models;
using Foreman.Tests.Support;

namespace Foreman.Tests.Models;

public sealed class EmissionCalculatorTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    [Fact]
    public async Task Compute_TenMinutesInWindows_EqualsWholeFilePass()
    {
        // The bundled model's features are local (fixed mel offsets), and each window carries the model's receptive
        // field as context, so windows must reproduce a whole-file pass: the same posteriors on every frame, and
        // therefore the same alignment of every line and word.
        var (samples, lyrics) = await TenMinutesOfSongsAsync();
        var engine = fixture.Engine;
        var vocabulary = fixture.Model.Vocabulary;
        var lines = ForcedAlignmentEngine.Parse(lyrics, vocabulary).Sung;
        using var model = CtcModel.Load(EngineTestPaths.BundledModel, fixture.Options);

        var windowed = new EmissionCalculator(model, fixture.Options).Compute(samples, null, TestContext.Current.CancellationToken);
        var whole = new EmissionCalculator(model, new InferenceOptions { WindowSeconds = 1200 }).Compute(samples, null, TestContext.Current.CancellationToken);

        Assert.Equal(whole.Frames, windowed.Frames);
        var largest = 0f;
        for (var t = 0; t < whole.Frames; t++)
        for (var k = 0; k < whole.Width; k++)
            largest = Math.Max(largest, Math.Abs(whole[t, k] - windowed[t, k]));
        Assert.True(largest < 1e-3f, $"windowed log posteriors differ from a whole-file pass by up to {largest}");

        var a = engine.AlignLines(windowed, vocabulary, lines, null, TestContext.Current.CancellationToken);
        var b = engine.AlignLines(whole, vocabulary, lines, null, TestContext.Current.CancellationToken);
        var moved = a.Zip(b, (x, y) => (x, y)).Select((p, i) => (p.x, p.y, i))
            .Where(p => Math.Abs(p.x.Line.First - p.y.Line.First) > 1 || p.x.Words.Zip(p.y.Words, (u, v) => Math.Abs(u.First - v.First)).Any(d => d > 1))
            .Select(p => $"'{lines[p.i].Text}' {p.x.Line.First} vs {p.y.Line.First}").ToArray();
        Assert.True(moved.Length == 0, "lines or words that moved by more than a frame: " + string.Join(", ", moved));
    }

    // Bench songs joined (again from the first when they run out) until they last ten minutes, and their lyrics in the same order.
    private async Task<(float[] Samples, string Lyrics)> TenMinutesOfSongsAsync()
    {
        var songs = BenchSong.LoadFolder(EngineTestPaths.BenchSongs).OrderBy(s => s.Name).ToList();
        var decoded = new Dictionary<string, float[]>();
        var samples = new List<float>();
        var lyrics = new List<string>();
        for (var i = 0; samples.Count < 600 * fixture.Model.SampleRate; i++)
        {
            var song = songs[i % songs.Count];
            if (!decoded.TryGetValue(song.Name, out var audio)) decoded[song.Name] = audio = await fixture.DecodeAsync(song);
            samples.AddRange(audio);
            lyrics.Add(song.Lyrics);
        }
        return (samples.ToArray(), string.Join("\n", lyrics));
    }

    [Fact]
    public void Compute_ShortWindows_KeepEveryFrameOnce()
    {
        var samples = new float[16000 * 20];
        for (var i = 0; i < samples.Length; i++) samples[i] = MathF.Sin(i * 0.05f) * 0.1f;

        var small = new InferenceOptions { WindowSeconds = 9, ContextSeconds = 3.6 };
        var emissions = fixture.Model.Listen(samples, null, TestContext.Current.CancellationToken).Matrix;
        using var ctc = CtcModel.Load(EngineTestPaths.BundledModel, fixture.Options);
        var windowed = new EmissionCalculator(ctc, small).Compute(samples, null, TestContext.Current.CancellationToken);

        Assert.Equal((samples.Length - 400) / 320 + 1, emissions.Frames);
        Assert.Equal(emissions.Frames, windowed.Frames);
        for (var t = 0; t < windowed.Frames; t++)
            Assert.Equal(1.0, windowed.Row(t).ToArray().Sum(x => Math.Exp(x)), 3);
    }
}
