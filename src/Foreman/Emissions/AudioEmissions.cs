namespace Foreman.Emissions;

/// <summary>
/// What a model heard in one audio file: its per-frame log posteriors, the vocabulary that names their columns, and
/// how long the audio was. The models module produces it; the alignment engine consumes it.
/// </summary>
/// <param name="Duration">Seconds of audio the emissions cover (the decoded file's length).</param>
public sealed record AudioEmissions(EmissionMatrix Matrix, Vocabulary Vocabulary, double Duration)
{
    /// <summary>
    /// Mean square of the samples behind each frame (one per frame of <see cref="Matrix"/>): how loud the audio is
    /// where the model heard what it heard. Null when the producer did not measure it.
    /// </summary>
    public double[]? FrameEnergy { get; init; }
}
