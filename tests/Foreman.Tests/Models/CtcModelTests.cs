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
    public void Load_AutoWithoutGpu_FallsBackToCpuWithReason()
    {
        using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Auto });

        // This test machine has no CUDA runtime; on one that has, the model simply runs there.
        if (model.Device == "cpu") Assert.False(string.IsNullOrWhiteSpace(model.DeviceFallbackReason));
    }

    [Fact]
    public void Load_CudaWithoutGpu_ThrowsClearError()
    {
        try
        {
            using var model = CtcModel.Load(EngineTestPaths.BundledModel, new InferenceOptions { Device = InferenceDevice.Cuda });
            Assert.Equal("cuda", model.Device);
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("CUDA", e.Message);
        }
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
