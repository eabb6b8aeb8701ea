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
