using Foreman.Alignment;
using Foreman.Models;

namespace Foreman.Worker;

/// <summary>The model listens, the engine aligns: the one place the two modules meet.</summary>
public sealed class SongAligner(ForcedAlignmentEngine engine) : ISongAligner
{
    // Inference takes most of a song's time; for hours of audio with long lyrics, the alignment catches up.
    private const double ListeningShare = 0.7;

    public AlignmentResult Align(ILoadedModel model, float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // Parsed before inference: lyrics with nothing to align fail without spending the model's time.
        var parsed = ForcedAlignmentEngine.Parse(lyrics, model.Vocabulary, language);
        var heard = model.Listen(samples, ProgressSpan.Of(progress, 0, ListeningShare), cancellationToken);
        return engine.Align(model.Name, heard, parsed, ProgressSpan.Of(progress, ListeningShare, 1), cancellationToken);
    }
}
