using Foreman.Alignment.Ctc;
using Foreman.Models;

namespace Foreman.Tests.Alignment.Ctc;

public sealed class LoudnessRankTests
{
    private const int SampleRate = 16_000, Stride = 320;

    [Fact]
    public void Of_SilenceQuietToneLoudNoise_RanksThemInThatOrder()
    {
        // One second each: silence, a quiet 220 Hz tone, then loud noise; ranked over a 5-frame window.
        var samples = Concat(new float[SampleRate], Tone(0.05f, SampleRate), Noise(0.5f, SampleRate));
        var frames = samples.Length / Stride;

        var ranks = LoudnessRank.Of(FrameEnergy.Of(samples, Stride, frames), windowFrames: 5);

        Assert.Equal(frames, ranks.Length);
        var (silence, tone, noise) = (Mean(ranks, 5, 45), Mean(ranks, 55, 95), Mean(ranks, 105, 145));
        Assert.True(silence < tone && tone < noise, $"silence {silence:0.00}, tone {tone:0.00}, noise {noise:0.00}");
        Assert.All(ranks, r => Assert.InRange(r, 0f, 1f));
    }

    [Fact]
    public void Of_LoudPassageBetweenQuietOnes_RanksItsFirstAndLastFramesWithIt()
    {
        // Two seconds each: quiet, loud, quiet, over a 1 s window. A centred window would rank the loud passage's
        // first and last frames halfway down (half their window is quiet), and so charge a line for starting where
        // singing starts after an intro.
        var samples = Concat(Tone(0.02f, 2 * SampleRate), Tone(0.3f, 2 * SampleRate), Tone(0.02f, 2 * SampleRate));

        var ranks = LoudnessRank.Of(FrameEnergy.Of(samples, Stride, samples.Length / Stride), windowFrames: 50);

        var loud = ranks[150];
        Assert.Equal(loud, ranks[100]);
        Assert.Equal(loud, ranks[199]);
        Assert.True(ranks[50] < loud && ranks[250] < loud, $"quiet {ranks[50]:0.00} and {ranks[250]:0.00}, loud {loud:0.00}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    public void Of_FileShorterThanTheWindow_RanksEveryFrame(int frames)
    {
        var samples = Noise(0.3f, frames * Stride);

        var ranks = LoudnessRank.Of(FrameEnergy.Of(samples, Stride, frames), windowFrames: 50);

        Assert.Equal(frames, ranks.Length);
        Assert.All(ranks, r => Assert.InRange(r, 0f, 1f));
    }

    [Fact]
    public void Of_SteadyLevel_RanksEveryFrameAlike()
    {
        // Without ties sharing their rank, rounding noise in a steady tone would rank some frames as "quiet".
        var samples = Tone(0.3f, 2 * SampleRate);

        var ranks = LoudnessRank.Of(FrameEnergy.Of(samples, Stride, samples.Length / Stride), windowFrames: 50);

        Assert.All(ranks, r => Assert.Equal(0.5f, r, 0.02f));
    }

    [Fact]
    public void FrameEnergy_MoreFramesThanTheSamplesHold_MeasuresTheMissingOnesAsSilence()
    {
        // The model can emit a frame or two past the last full stride.
        var samples = Tone(0.3f, SampleRate / 2);

        var energy = FrameEnergy.Of(samples, Stride, samples.Length / Stride + 2);

        Assert.Equal([0.0, 0.0], energy[^2..]);
        Assert.Equal(0.045, energy[0], 0.002);
        var ranks = LoudnessRank.Of(energy, windowFrames: 1);
        Assert.Equal(ranks.Min(), ranks[^1]);
    }

    private static float[] Tone(float amplitude, int length) =>
        Enumerable.Range(0, length).Select(i => amplitude * MathF.Sin(2 * MathF.PI * 220 * i / SampleRate)).ToArray();

    private static float[] Noise(float amplitude, int length)
    {
        var random = new Random(7);
        return Enumerable.Range(0, length).Select(_ => amplitude * (2 * random.NextSingle() - 1)).ToArray();
    }

    private static float[] Concat(params float[][] parts) => parts.SelectMany(p => p).ToArray();

    private static double Mean(float[] values, int first, int last) => values[first..(last + 1)].Average();
}
