using Foreman.Alignment;
using Foreman.Models;

namespace Foreman.Worker;

/// <summary>
/// A job's inference: lyrics and decoded audio in, timed lines and words out, with the loaded model. The service
/// composes the model and the engine (<see cref="SongAligner"/>); the queue's tests and benchmark substitute probes.
/// </summary>
public interface ISongAligner
{
    /// <param name="language">ISO 639-1 code of the lyrics (validated); null to guess it from the script.</param>
    /// <exception cref="AlignmentInputException">The input can never align (no sung text, audio too short): permanent.</exception>
    AlignmentResult Align(ILoadedModel model, float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken);
}
