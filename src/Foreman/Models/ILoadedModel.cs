using Foreman.Emissions;

namespace Foreman.Models;

/// <summary>
/// A model held in memory (an inference session and its vocabulary), ready to listen. The worker owns at most one.
/// </summary>
public interface ILoadedModel : IDisposable
{
    string Name { get; }

    /// <summary>Where inference runs: <c>cpu</c> or <c>cuda</c>.</summary>
    string Device { get; }

    /// <summary>Why inference runs on the CPU although CUDA was allowed; null when it did not fall back.</summary>
    string? DeviceFallbackReason { get; }

    /// <summary>Sample rate the model expects; audio is decoded to it, mono.</summary>
    int SampleRate { get; }

    /// <summary>The tokens the model hears, which lyrics are spelled in.</summary>
    Vocabulary Vocabulary { get; }

    /// <summary>What the model hears in decoded audio (mono, <see cref="SampleRate"/>): no frames when it is too short for one.</summary>
    AudioEmissions Listen(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken);
}
