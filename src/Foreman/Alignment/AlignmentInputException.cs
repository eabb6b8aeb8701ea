namespace Foreman.Alignment;

/// <summary>
/// The request's input can never be aligned as given (undecodable audio, no sung text, audio too short for the text).
/// Retrying cannot help, so a job that throws it fails at once.
/// </summary>
public sealed class AlignmentInputException(string message, Exception? inner = null) : Exception(message, inner);
