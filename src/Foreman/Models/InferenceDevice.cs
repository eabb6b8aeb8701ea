namespace Foreman.Models;

/// <summary>Where a model runs.</summary>
public enum InferenceDevice
{
    /// <summary>CUDA when the runtime and a GPU are there, else the CPU (the reason is recorded).</summary>
    Auto,
    /// <summary>Always the CPU.</summary>
    Cpu,
    /// <summary>CUDA or an error: for deployments that must not silently run slow.</summary>
    Cuda,
}
