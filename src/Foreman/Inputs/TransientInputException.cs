namespace Foreman.Inputs;

/// <summary>
/// Fetching the audio failed in a way a later try may fix (throttling, a 5xx, a timeout, a refused connection).
/// The input stage retries it; once its retries are spent, the job's own durable retry takes over.
/// </summary>
public sealed class TransientInputException(string message, Exception? inner = null) : Exception(message, inner);
