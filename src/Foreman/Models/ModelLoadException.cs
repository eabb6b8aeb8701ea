namespace Foreman.Models;

/// <summary>A model could not be loaded (missing or corrupt file, timeout). Transient for a job: it is retried with backoff.</summary>
public sealed class ModelLoadException(string model, string reason, Exception? inner = null)
    : Exception($"model '{model}' could not be loaded: {reason}", inner)
{
    public string Model { get; } = model;
    public string Reason { get; } = reason;
}
