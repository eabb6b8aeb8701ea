namespace Foreman.Inputs;

/// <summary>A job's audio as mono samples at the model's rate.</summary>
/// <param name="DecodedAhead">Decoded by the prefetch while the worker ran an earlier job, rather than on the worker's own call.</param>
public sealed record DecodedAudio(float[] Samples, bool DecodedAhead);
