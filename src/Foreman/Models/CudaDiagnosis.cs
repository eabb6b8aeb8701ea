using System.Runtime.InteropServices;

namespace Foreman.Models;

/// <summary>
/// Why the CUDA execution provider cannot run here, in words an operator can act on, found before ONNX Runtime is
/// asked. When a library is missing, ONNX Runtime's exception says only "Failed to load shared library" (the name goes
/// to its console log), so the provider library is loaded here, and the system loader's error names the first library
/// it could not find.
/// </summary>
internal static class CudaDiagnosis
{
    // The CUDA provider opens cuDNN only when a session first needs it, so it is not among the provider's own dependencies.
    private const string CuDnn = "libcudnn.so.9";

    private static string ProviderFile =>
        OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";

    /// <summary>
    /// What is missing for CUDA before ONNX Runtime is asked, or null when nothing visibly is. Asking ONNX Runtime
    /// with the provider's libraries missing prints a native error on every model load (unsilenceable from here), so a
    /// machine without CUDA learns it once, from this check, and stays quiet.
    /// </summary>
    public static string? Precheck() => Prechecked.Value;

    private static readonly Lazy<string?> Prechecked = new(MissingPiece);

    private static string? MissingPiece()
    {
        if (!OnnxRuntimeBuild.HasCuda)
            return "this build carries ONNX Runtime's CPU-only package (built with -p:ForemanGpu=false)";
        if (ProviderPath() is not { } provider)
            return $"{ProviderFile} is not beside the application";
        if (LoadError(provider) is { } missing)
            return $"the CUDA execution provider cannot load: {missing}{Supplier(missing)}";
        if (OperatingSystem.IsLinux() && LoadError(CuDnn) is not null)
            return $"{CuDnn} is not installed{Supplier(CuDnn)}";
        return null;
    }

    private static string? ProviderPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, ProviderFile);
        var portable = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", ProviderFile);
        return File.Exists(beside) ? beside : File.Exists(portable) ? portable : null;
    }

    /// <summary>The system loader's error for the library (its last line names what is missing); null when it loads.</summary>
    private static string? LoadError(string library)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(library));
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        }
    }

    private static string Supplier(string error) => error switch
    {
        _ when error.Contains("libcuda.so", StringComparison.Ordinal) =>
            " (the NVIDIA driver's library: install the driver; in a container, run it with the GPU passed through, e.g. --gpus all)",
        _ when error.Contains("libcudnn", StringComparison.Ordinal) => " (cuDNN 9)",
        _ when error.Contains("libcu", StringComparison.Ordinal) || error.Contains("libnvrtc", StringComparison.Ordinal) =>
            " (a CUDA runtime library: install the CUDA toolkit's runtime libraries of that major version, or use a CUDA runtime image)",
        _ => "",
    };
}
