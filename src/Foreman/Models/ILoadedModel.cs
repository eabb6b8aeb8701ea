using Foreman.Alignment;

namespace Foreman.Models;

/// <summary>
/// A model held in memory (an inference session and its vocabulary), ready to align. The worker owns at most one.
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

    /// <summary>Aligns lyrics to decoded audio (mono, <see cref="SampleRate"/>).</summary>
    /// <param name="language">ISO 639-1 code of the lyrics (validated); null to guess it from the script.</param>
    /// <exception cref="AlignmentInputException">The input can never align (no sung text, audio too short): permanent.</exception>
    AlignmentResult Align(float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken);
}
