using System.Runtime.InteropServices;

namespace Foreman.Tests.Support;

/// <summary>
/// What this machine lacks for ONNX Runtime's CUDA execution provider, found apart from Foreman's own diagnosis: the CUDA
/// libraries the 1.31 provider links (<c>readelf -d libonnxruntime_providers_cuda.so</c>), cuDNN (which it opens later),
/// and a GPU device node. The tests that can use a GPU expect CUDA where all of these are there, the CPU otherwise.
/// </summary>
internal static class CudaMachine
{
    private static readonly string[] Libraries = ["libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9"];

    /// <summary>The libraries the system loader cannot find here.</summary>
    public static IReadOnlyList<string> MissingLibraries { get; } = Libraries.Where(l => !Loads(l)).ToList();

    /// <summary>Whether the default build should run on CUDA here.</summary>
    public static bool Usable => ForemanBuild.IsGpu && MissingLibraries.Count == 0 && File.Exists("/dev/nvidia0");

    private static bool Loads(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
