namespace Foreman.Models;

/// <summary><c>Foreman:Inference:Device</c> is <c>cuda</c> and CUDA cannot be used here; the message says why.</summary>
public sealed class CudaUnavailableException(string reason, Exception? inner)
    : InvalidOperationException($"device cuda was requested but CUDA is unavailable: {reason}", inner)
{
    public string Reason { get; } = reason;
}
