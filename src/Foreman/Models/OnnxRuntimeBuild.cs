using Microsoft.ML.OnnxRuntime;

namespace Foreman.Models;

/// <summary>
/// The execution providers compiled into the ONNX Runtime this process carries: CUDA's is there in the default (GPU)
/// build and absent from the slim CPU-only one. Compiled in does not mean usable: CUDA still needs its libraries and a GPU.
/// </summary>
internal static class OnnxRuntimeBuild
{
    public const string CudaProvider = "CUDAExecutionProvider";

    private static readonly Lazy<IReadOnlyList<string>> Providers = new(() => OrtEnv.Instance().GetAvailableProviders());

    public static IReadOnlyList<string> ExecutionProviders => Providers.Value;

    public static bool HasCuda => ExecutionProviders.Contains(CudaProvider);
}
