using Foreman.Models;

namespace Foreman.Api;

/// <summary>
/// Where this node's inference runs and why, for <c>/health</c>: the device asked for (<c>Foreman:Inference:Device</c>), the one
/// the model got (null until a model has loaded), why that is not CUDA, and the execution providers compiled into this
/// build's ONNX Runtime (<c>CUDAExecutionProvider</c> is absent from the slim CPU-only build).
/// </summary>
/// <param name="Reason">Null on CUDA; otherwise why not: <c>Foreman:Inference:Device</c> is cpu, CUDA's load failure, or the model's.</param>
internal sealed record InferenceReport(string RequestedDevice, string? Device, string? Reason, IReadOnlyList<string> ExecutionProviders)
{
    /// <param name="model">The resident model's status, else the default model's.</param>
    public static InferenceReport Of(InferenceOptions options, ModelStatus model)
    {
        var reason = model.Device == "cuda" ? null
            : options.Device == InferenceDevice.Cpu ? "Foreman:Inference:Device is cpu"
            : model.DeviceFallbackReason ?? (model.State == ModelState.Failed ? model.LastError : null);
        return new InferenceReport(options.Device.ToString().ToLowerInvariant(), model.Device, reason, OnnxRuntimeBuild.ExecutionProviders);
    }
}
