namespace Foreman.Alignment.Ctc;

/// <summary>
/// Where each frame's loudness ranks within its own file, 0 (quietest) to 1 (loudest), averaged over the louder of the
/// half-windows (about half a second each) before and after it. In a produced song the voice is the loudest part of
/// the mix, so the quietest stretches are mostly intros, breaks and outros: on songs with human timings, smoothed
/// loudness separates sung from unsung frames better than spectral shape or harmonicity (instruments are as harmonic
/// as the voice). A rank rather than decibels keeps it independent of the mastering level and of how compressed the
/// mix is.
/// </summary>
public static class LoudnessRank
{
    /// <param name="frameEnergy">Each frame's mean square (<see cref="Foreman.Emissions.AudioEmissions.FrameEnergy"/>).</param>
    /// <param name="windowFrames">Frames of the two half-windows together.</param>
    public static float[] Of(IReadOnlyList<double> frameEnergy, int windowFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowFrames, 1);
        return Ranks(Decibels(Smooth(frameEnergy, windowFrames)));
    }

    // The louder of the half-windows before and after each frame: a frame where singing starts after an intro ranks as
    // loud as the singing, not as the average of intro and singing that a centred window gives. Near the file's edges
    // only a whole half-window counts (a one-frame "window" would rank by a single frame's noise).
    private static double[] Smooth(IReadOnlyList<double> energy, int windowFrames)
    {
        var prefix = new double[energy.Count + 1];
        for (var t = 0; t < energy.Count; t++) prefix[t + 1] = prefix[t] + energy[t];
        // at most half the file, so every frame has one whole side
        var half = Math.Max(1, Math.Min(windowFrames / 2, (energy.Count + 1) / 2));
        var smoothed = new double[energy.Count];
        for (var t = 0; t < energy.Count; t++)
        {
            var before = t + 1 >= half ? Mean(prefix, t + 1 - half, t + 1) : double.NegativeInfinity;
            var after = t + half <= energy.Count ? Mean(prefix, t, t + half) : double.NegativeInfinity;
            smoothed[t] = Math.Max(before, after);
        }
        return smoothed;
    }

    private static double Mean(double[] prefix, int low, int high) => (prefix[high] - prefix[low]) / (high - low);

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
