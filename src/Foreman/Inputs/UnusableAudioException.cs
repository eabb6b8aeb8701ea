namespace Foreman.Inputs;

/// <summary>
/// The job's audio can never be used as given: undecodable, empty, too large, missing from the data directory, or
/// behind a URL that is blocked, unsupported or not found. Retrying cannot help, so a job that throws it fails at once.
/// </summary>
public sealed class UnusableAudioException(string message, Exception? inner = null) : Exception(message, inner);
