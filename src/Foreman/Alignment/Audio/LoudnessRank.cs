namespace Foreman.Alignment.Audio;

/// <summary>
/// Where each frame's loudness ranks within its own file, 0 (quietest) to 1 (loudest), over a sliding window of
/// about a second. In a produced song the voice is the loudest part of the mix, so the quietest stretches are mostly
/// intros, breaks and outros: on songs with human timings, smoothed loudness separates sung from unsung frames better
/// than spectral shape or harmonicity (instruments are as harmonic as the voice). A rank rather than decibels keeps it
/// independent of the mastering level and of how compressed the mix is.
/// </summary>
public static class LoudnessRank
{
    /// <param name="samplesPerFrame">Samples per model frame (the model's stride): frame t covers samples from t × this.</param>
    /// <param name="frames">Frames to rank: the emissions' count, so both have one value per frame.</param>
    /// <param name="windowFrames">Frames the energy is averaged over, centred on each frame.</param>
    public static float[] Of(ReadOnlySpan<float> samples, int samplesPerFrame, int frames, int windowFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerFrame, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowFrames, 1);
        if (frames <= 0) return [];
        var energy = new double[frames];
        for (var t = 0; t < frames; t++)
        {
            var start = Math.Min((long)t * samplesPerFrame, samples.Length);
            var frame = samples.Slice((int)start, (int)Math.Min(samplesPerFrame, samples.Length - start));
            var sum = 0.0;
            foreach (var x in frame) sum += (double)x * x;
            energy[t] = sum;
        }
        return Ranks(Decibels(Smooth(energy, windowFrames)));
    }

    // Running sum over a centred window; near the edges, over the part of it inside the file.
    private static double[] Smooth(double[] energy, int windowFrames)
    {
        var prefix = new double[energy.Length + 1];
        for (var t = 0; t < energy.Length; t++) prefix[t + 1] = prefix[t] + energy[t];
        var smoothed = new double[energy.Length];
        for (var t = 0; t < energy.Length; t++)
        {
            var low = Math.Max(0, t - windowFrames / 2);
            var high = Math.Min(energy.Length, low + windowFrames);
            smoothed[t] = (prefix[high] - prefix[low]) / (high - low);
        }
        return smoothed;
    }

    // Rounded to a tenth of a decibel, below what a listener hears: a steady level ranks as one value, not by rounding noise.
    private static double[] Decibels(double[] energy) =>
        energy.Select(e => Math.Round(100 * Math.Log10(e + 1e-12)) / 10).ToArray();

    // Equal values share their mean rank, so silence or a steady level does not rank some frames above others.
    private static float[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), order);
        var ranks = new float[values.Length];
        var scale = values.Length > 1 ? 1.0 / (values.Length - 1) : 0;
        for (var first = 0; first < order.Length;)
        {
            var last = first;
            while (last + 1 < order.Length && values[order[last + 1]] == values[order[first]]) last++;
            var rank = (float)((first + last) / 2.0 * scale);
            for (var i = first; i <= last; i++) ranks[order[i]] = rank;
            first = last + 1;
        }
        return ranks;
    }
}
