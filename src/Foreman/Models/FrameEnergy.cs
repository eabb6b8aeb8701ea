using System.Runtime.CompilerServices;

namespace Foreman.Models;

/// <summary>The mean square of the samples behind each model frame: the loudness the engine ranks (see AudioEmissions.FrameEnergy).</summary>
public static class FrameEnergy
{
    /// <param name="samplesPerFrame">The model's stride: frame t starts at sample t × this.</param>
    /// <param name="frames">Frames to measure: the emissions' count, which may run a frame or two past the samples (those read 0).</param>
    // Runs per frame or per sample: optimized from the first call, since `foreman align` ends before tiering would.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Of(ReadOnlySpan<float> samples, int samplesPerFrame, int frames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerFrame, 1);
        var energy = new double[Math.Max(0, frames)];
        for (var t = 0; t < energy.Length; t++)
        {
            var start = (int)Math.Min((long)t * samplesPerFrame, samples.Length);
            var frame = samples.Slice(start, Math.Min(samplesPerFrame, samples.Length - start));
            var sum = 0.0;
            foreach (var x in frame) sum += (double)x * x;
            energy[t] = frame.Length == 0 ? 0 : sum / frame.Length;
        }
        return energy;
    }
}
