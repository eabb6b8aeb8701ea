using Foreman.Alignment;
using Foreman.Alignment.Emissions;
using Foreman.Models;

namespace Foreman.Tests.Alignment.Emissions;

public sealed class EmissionCalculatorTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    [Fact]
    public async Task Compute_LongFileInWindows_AlignsNearlyAllLikeWholeFilePass()
    {
        // About 3.2 minutes of songs without music or at 15 dB, and without section tags (the first-cut parser
        // aligns tags as lines that are never sung): four 60 s windows against one pass. The bundled model's
        // whole-input mel mean changes posteriors by up to 0.85 between the two (97% argmax agreement), and a
        // line the model hears poorly can then move by a second either way; nearly all must stay within a frame. The model's whole-input mel mean makes logits
        // differ slightly between the two, so it is the alignments that must agree, to a frame.
        var songs = new[] { "dev_06", "dev_08", "dev_11", "dev_03" }.Select(BundledModelFixture.Song).ToArray();
        var samples = (await Task.WhenAll(songs.Select(fixture.DecodeAsync))).SelectMany(s => s).ToArray();
        var lyrics = string.Join("\n", songs.Select(s => s.Lyrics));
        var engine = fixture.Model.Engine;
        var lines = engine.Parse(lyrics);
        using var model = CtcModel.Load(EngineTestPaths.BundledModel, fixture.Options);

        var windowed = new EmissionCalculator(model, fixture.Options).Compute(samples, null, TestContext.Current.CancellationToken);
        var whole = new EmissionCalculator(model, new InferenceOptions { WindowSeconds = 600 }).Compute(samples, null, TestContext.Current.CancellationToken);

        Assert.Equal(whole.Frames, windowed.Frames);
        var a = engine.AlignLines(windowed, lines, null, TestContext.Current.CancellationToken);
        var b = engine.AlignLines(whole, lines, null, TestContext.Current.CancellationToken);
        var lineShifts = a.Zip(b, (x, y) => Math.Abs(x.Line.First - y.Line.First)).ToArray();
        var wordShifts = a.Zip(b, (x, y) => x.Words.Zip(y.Words, (u, v) => Math.Abs(u.First - v.First))).SelectMany(w => w).ToArray();
        Assert.True(lineShifts.Count(d => d <= 1) >= 0.9 * lineShifts.Length, "line starts that moved: " +
            string.Join(", ", lineShifts.Select((d, i) => (d, i)).Where(p => p.d > 1).Select(p => $"'{lines[p.i].Text}' {a[p.i].Line.First} vs {b[p.i].Line.First}")));
        Assert.True(wordShifts.Count(d => d <= 1) >= 0.9 * wordShifts.Length, $"{wordShifts.Count(d => d > 1)} of {wordShifts.Length} word starts moved");
    }

    [Fact]
    public void Compute_ShortWindows_KeepEveryFrameOnce()
    {
        var samples = new float[16000 * 20];
        for (var i = 0; i < samples.Length; i++) samples[i] = MathF.Sin(i * 0.05f) * 0.1f;
        var engine = fixture.Model.Engine;

        var small = new InferenceOptions { WindowSeconds = 9, ContextSeconds = 3.5 };
        var emissions = engine.ComputeEmissions(samples, null, TestContext.Current.CancellationToken);
        using var ctc = CtcModel.Load(EngineTestPaths.BundledModel, fixture.Options);
        var windowed = new EmissionCalculator(ctc, small).Compute(samples, null, TestContext.Current.CancellationToken);

        Assert.Equal((samples.Length - 400) / 320 + 1, emissions.Frames);
        Assert.Equal(emissions.Frames, windowed.Frames);
        for (var t = 0; t < windowed.Frames; t++)
            Assert.Equal(1.0, windowed.Row(t).ToArray().Sum(x => Math.Exp(x)), 3);
    }
}
