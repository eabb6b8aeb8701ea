using Foreman.Emissions;
using Foreman.Models;
using Foreman.Tests.Alignment;
using Foreman.Tests.Support;

namespace Foreman.Tests.Models;

public sealed class CtcModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("foreman-model-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_BundledModel_MeasuresWav2Vec2Framing()
    {
        using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Cpu });

        Assert.Equal(320, model.FrameStride);
        Assert.Equal(16000, model.SampleRate);
        Assert.Equal(32, model.Vocabulary.Size);
        Assert.Equal("cpu", model.Device);
        Assert.Null(model.DeviceFallbackReason);
    }

    [Fact]
    public void Load_ModelUnderOnnxFolder_IsFound()
    {
        CopyBundled(except: "model.onnx");
        Directory.CreateDirectory(Path.Combine(_directory, "onnx"));
        File.Copy(Path.Combine(EngineTestPaths.BundledModel, "model.onnx"), Path.Combine(_directory, "onnx", "model.onnx"));

        using var model = CtcModel.Load(_directory, new InferenceOptions { Device = InferenceDevice.Cpu });

        Assert.Equal(320, model.FrameStride);
    }

    [Fact]
    public void Load_Auto_RunsOnCudaWhereUsableElseOnTheCpuNamingWhatIsMissing()
    {
        using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Auto });

        Assert.Equal(CudaMachine.Usable ? "cuda" : "cpu", model.Device);
        if (CudaMachine.Usable)
        {
            Assert.Null(model.DeviceFallbackReason);
            return;
        }
        Assert.StartsWith("CUDA unavailable, running on the CPU: ", model.DeviceFallbackReason);
        if (ForemanBuild.IsGpu && CudaMachine.MissingLibraries.Count > 0)
            Assert.Contains(CudaMachine.MissingLibraries, library => model.DeviceFallbackReason!.Contains(library, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Auto_WithTheProvidersLibrariesMissing_DoesNotAskOnnxRuntime()
    {
        // ONNX Runtime, asked for CUDA without its libraries, prints a native error on every load: the check beforehand keeps it quiet.
        // (The driver's libcuda.so.1 is not among them: the CUDA runtime opens it only when ONNX Runtime starts it.)
        var providerCannotLoad = !ForemanBuild.IsGpu || CudaMachine.MissingLibraries.Any(library => library != "libcuda.so.1");
        if (!providerCannotLoad) return;

        using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Auto });

        Assert.DoesNotContain("ONNX Runtime:", model.DeviceFallbackReason);
    }

    [Fact]
    public void Load_Cuda_RunsOnCudaWhereUsableElseThrowsNamingWhatIsMissing()
    {
        if (CudaMachine.Usable)
        {
            using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Cuda });
            Assert.Equal("cuda", model.Device);
            return;
        }
        var error = Assert.Throws<CudaUnavailableException>(() => CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Cuda }));

        Assert.StartsWith("device cuda was requested but CUDA is unavailable: ", error.Message);
        if (ForemanBuild.IsGpu && CudaMachine.MissingLibraries.Count > 0)
            Assert.Contains(CudaMachine.MissingLibraries, library => error.Reason.Contains(library, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vocab.json")]
    [InlineData("preprocessor_config.json")]
    [InlineData("model.onnx")]
    public void Load_MissingFile_NamesIt(string missing)
    {
        CopyBundled(except: missing);

        var error = Assert.Throws<FileNotFoundException>(() => CtcModel.Load(_directory, new InferenceOptions()));

        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData("model.onnx", "not a protobuf")]
    [InlineData("vocab.json", "{ broken")]
    [InlineData("preprocessor_config.json", "[]")]
    public void Load_CorruptFile_NamesIt(string corrupt, string content)
    {
        CopyBundled(except: corrupt);
        File.WriteAllText(Path.Combine(_directory, corrupt), content);

        var error = Assert.Throws<InvalidDataException>(() => CtcModel.Load(_directory, new InferenceOptions { Device = InferenceDevice.Cpu }));

        Assert.Contains(corrupt, error.Message);
    }

    [Fact]
    public void Load_VocabularyNarrowerThanLogits_ThrowsClearError()
    {
        CopyBundled(except: "vocab.json");
        File.WriteAllText(Path.Combine(_directory, "vocab.json"), """{"<pad>": 0, "|": 1, "A": 2}""");

        var error = Assert.Throws<InvalidDataException>(() => CtcModel.Load(_directory, new InferenceOptions { Device = InferenceDevice.Cpu }));

        Assert.Contains("vocab.json", error.Message);
    }

    [Fact]
    public void Load_ConfigJson_SetsBlankAndDelimiter()
    {
        CopyBundled(except: null);
        File.WriteAllText(Path.Combine(_directory, "config.json"), """{"pad_token_id": 3, "word_delimiter_token": "'"}""");

        var folder = ModelFolder.Open(_directory);

        Assert.Equal(3, folder.Vocabulary.BlankId);
        Assert.Equal(27, folder.Vocabulary.WordDelimiterId);
    }

    private void CopyBundled(string? except)
    {
        foreach (var file in new[] { "model.onnx", "vocab.json", "preprocessor_config.json" }.Where(f => f != except))
            File.Copy(Path.Combine(EngineTestPaths.BundledModel, file), Path.Combine(_directory, file));
    }
}
