namespace Foreman.Models;

/// <summary>
/// A model could not be loaded. <see cref="Permanent"/> when the cause is in its files (missing, corrupt, a session or
/// warm-up that fails): loading again cannot help until they change, so its jobs fail at once. Otherwise (a load that
/// timed out, memory) the job is retried with backoff.
/// </summary>
public sealed class ModelLoadException(string model, string reason, bool permanent, Exception? inner = null)
    : Exception($"model '{model}' could not be loaded: {reason}", inner)
{
    public string Model { get; } = model;
    public string Reason { get; } = reason;
    public bool Permanent { get; } = permanent;
}
