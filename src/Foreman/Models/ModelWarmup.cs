namespace Foreman.Models;

/// <summary>The warm-up inferences a freshly loaded model runs, so the first real job does not pay for lazy initialisation.</summary>
internal static class ModelWarmup
{
    /// <summary>Durations of the generated audio to run at a warm-up level (level 1 runs none: the load already validated the session).</summary>
    public static IReadOnlyList<TimeSpan> Plan(int level, TimeSpan length) => level switch
    {
        <= 1 => [],
        2 => [length],
        _ => [length, length * 2, length * 4],
    };

    public static void Run(ILoadedModel model, int level, TimeSpan length, CancellationToken cancellationToken)
    {
        foreach (var duration in Plan(level, length))
            model.Listen(GeneratedAudio(model.SampleRate, duration), progress: null, cancellationToken);
    }

    /// <summary>A quiet tone with a little noise: deterministic, and not silence (which some exports special-case).</summary>
    private static float[] GeneratedAudio(int sampleRate, TimeSpan duration)
    {
        var samples = new float[(int)(duration.TotalSeconds * sampleRate)];
        var random = new Random(20261125);
        for (var i = 0; i < samples.Length; i++)
            samples[i] = 0.1f * MathF.Sin(2 * MathF.PI * 220 * i / sampleRate) + 0.01f * (random.NextSingle() - 0.5f);
        return samples;
    }
}
