using System.Diagnostics;
using Foreman.Models;
using Foreman.Tests.Support;

namespace Foreman.Tests.Models;

/// <summary>The default build is the GPU one: it ships ONNX Runtime's CUDA execution provider to the server, the tests and the bench.</summary>
public class OnnxRuntimeBuildTests
{
    private const string CudaProviderLibrary = "libonnxruntime_providers_cuda.so";

    [Fact]
    public void Build_ShipsTheCudaExecutionProvider()
    {
        if (!ForemanBuild.IsGpu) Assert.Skip("built with -p:ForemanGpu=false, the CPU-only package");
        if (!OperatingSystem.IsLinux()) Assert.Skip("the CUDA provider's file name is checked on Linux");

        Assert.Contains(OnnxRuntimeBuild.CudaProvider, OnnxRuntimeBuild.ExecutionProviders);
        var native = Path.Combine("runtimes", "linux-x64", "native", CudaProviderLibrary);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, native)), $"{native} is not in the tests' output {AppContext.BaseDirectory}");
        // The server's and the bench's own outputs, built with the same configuration (bin/<configuration>/<framework>).
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var project in new[] { Path.Combine("src", "Foreman"), Path.Combine("bench", "Foreman.Bench") })
        {
            var shipped = Path.Combine(RepositoryPaths.Root, project, "bin", output.Parent!.Name, output.Name, native);
            Assert.True(File.Exists(shipped), $"{shipped} is missing");
        }
    }

    [Fact]
    public void DefaultBuild_IsTheGpuBuild()
    {
        if (OperatingSystem.IsMacOS()) Assert.Skip("ONNX Runtime has no CUDA build for macOS, so there the default is the CPU one");
        var evaluate = new ProcessStartInfo("dotnet", ["msbuild", Path.Combine(RepositoryPaths.Root, "src", "Foreman", "Foreman.csproj"), "-getProperty:ForemanGpu"])
        {
            RedirectStandardOutput = true,
        };
        evaluate.Environment.Remove("ForemanGpu"); // MSBuild reads environment variables as properties: the default is the file's

        using var msbuild = Process.Start(evaluate)!;
        var value = msbuild.StandardOutput.ReadToEnd().Trim();
        msbuild.WaitForExit();

        Assert.Equal("true", value);
    }
}
