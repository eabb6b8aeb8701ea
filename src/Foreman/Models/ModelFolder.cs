using System.Text.Json;
using Foreman.Emissions;

namespace Foreman.Models;

/// <summary>
/// The files of a Hugging Face wav2vec2-CTC ONNX export: <c>model.onnx</c> (or <c>onnx/model.onnx</c>),
/// <c>vocab.json</c>, <c>preprocessor_config.json</c> and optionally <c>config.json</c>.
/// </summary>
public sealed class ModelFolder
{
    public string Directory { get; }
    public string ModelPath { get; }
    public Vocabulary Vocabulary { get; }

    /// <summary>Sample rate the model was trained at (<c>sampling_rate</c>).</summary>
    public int SampleRate { get; }

    /// <summary>Whether the waveform is scaled to zero mean and unit variance before inference (<c>do_normalize</c>).</summary>
    public bool Normalize { get; }

    private ModelFolder(string directory, string modelPath, Vocabulary vocabulary, int sampleRate, bool normalize)
    {
        Directory = directory;
        ModelPath = modelPath;
        Vocabulary = vocabulary;
        SampleRate = sampleRate;
        Normalize = normalize;
    }

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A required file is missing; the message names it.</exception>
    /// <exception cref="InvalidDataException">A file is unreadable; the message names it.</exception>
    public static ModelFolder Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"model folder {directory} does not exist");
        var modelPath = new[] { "model.onnx", Path.Combine("onnx", "model.onnx") }
            .Select(name => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"model folder {directory} has no model.onnx (nor onnx/model.onnx)");

        var preprocessorPath = Required(directory, "preprocessor_config.json");
        using var preprocessor = ReadJson(preprocessorPath);
        var sampleRate = preprocessor.RootElement.TryGetProperty("sampling_rate", out var rate) && rate.TryGetInt32(out var r) && r > 0
            ? r
            : throw new InvalidDataException($"{preprocessorPath} has no positive integer sampling_rate");
        var normalize = preprocessor.RootElement.TryGetProperty("do_normalize", out var n) && n.ValueKind == JsonValueKind.True;

        int? blankId = null;
        var delimiter = "|";
        var configPath = Path.Combine(directory, "config.json");
        if (File.Exists(configPath))
        {
            using var config = ReadJson(configPath);
            if (config.RootElement.TryGetProperty("pad_token_id", out var pad) && pad.TryGetInt32(out var padId)) blankId = padId;
            if (config.RootElement.TryGetProperty("word_delimiter_token", out var word) && word.ValueKind == JsonValueKind.String)
                delimiter = word.GetString()!;
        }

        var vocabularyPath = Required(directory, "vocab.json");
        Vocabulary vocabulary;
        try
        {
            vocabulary = Vocabulary.Load(vocabularyPath, blankId, delimiter);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{vocabularyPath} is not valid JSON: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{vocabularyPath}: {e.Message}", e);
        }
        return new ModelFolder(directory, modelPath, vocabulary, sampleRate, normalize);
    }

    private static string Required(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"model folder {directory} has no {name}", path);
    }

    private static JsonDocument ReadJson(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new InvalidDataException($"{path} is not a JSON object");
    }
}
