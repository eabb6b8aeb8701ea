namespace Foreman.Emissions;

/// <summary>
/// What a model heard in one audio file: its per-frame log posteriors, the vocabulary that names their columns, and
/// how long the audio was. The models module produces it; the alignment engine consumes it.
/// </summary>
/// <param name="Duration">Seconds of audio the emissions cover (the decoded file's length).</param>
public sealed record AudioEmissions(EmissionMatrix Matrix, Vocabulary Vocabulary, double Duration);
