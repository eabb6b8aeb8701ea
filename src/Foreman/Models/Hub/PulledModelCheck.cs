using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Foreman.Models.Hub;

/// <summary>
/// Decides whether downloaded files are a model Foreman can run, before they are put in place: the ONNX file loads,
/// takes float audio [batch, samples] and gives logits [batch, frames, vocabulary size], checked by running it.
/// </summary>
internal static class PulledModelCheck
{
    private const string AudioInput = "input_values";
    private const string LogitsOutput = "logits";

    /// <exception cref="ModelPullException">It is not (<see cref="PullFailure.InvalidModel"/>); the message says why.</exception>
    public static void Run(string directory, int threads)
    {
        try
        {
            var folder = ModelFolder.Open(directory);
            CheckSignature(folder);
            // The real load: measures the frame stride with two inferences, which also proves the logits match vocab.json.
            using var model = CtcModel.Load(directory, new InferenceOptions { Device = InferenceDevice.Cpu, IntraOpThreads = threads });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or OnnxRuntimeException)
        {
            throw new ModelPullException(PullFailure.InvalidModel, $"not a wav2vec2 CTC model Foreman can run: {e.Message}", e);
        }
    }

    // Names the exact problem (an attention mask, int64 input ids, a hidden-states output) before the load's inference fails on it less clearly.
    private static void CheckSignature(ModelFolder folder)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(folder.ModelPath, options);
        var (inputName, input) = Pick(session.InputNames, session.InputMetadata, AudioInput);
        if (session.InputNames.Count > 1)
            throw new InvalidDataException(
                $"{folder.ModelPath}: inputs {string.Join(", ", session.InputNames)}, but Foreman feeds only the audio ('{inputName}'); export the model without an attention_mask input");
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || input.Dimensions.Length != 2)
            throw new InvalidDataException($"{folder.ModelPath}: input '{inputName}' is {Describe(input)}, expected float32 audio [batch, samples]");
        var (outputName, output) = Pick(session.OutputNames, session.OutputMetadata, LogitsOutput);
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 3)
            throw new InvalidDataException($"{folder.ModelPath}: output '{outputName}' is {Describe(output)}, expected float32 logits [batch, frames, vocabulary]");
        if (output.Dimensions[2] > 0 && output.Dimensions[2] != folder.Vocabulary.Size)
            throw new InvalidDataException(
                $"{folder.ModelPath}: output '{outputName}' has {output.Dimensions[2]} classes but vocab.json has {folder.Vocabulary.Size} tokens: the vocabulary is not this model's");
    }

    // The names the Hugging Face export uses, else the first: the same choice CtcModel makes at load.
    private static (string Name, NodeMetadata Node) Pick(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> nodes, string preferred)
    {
        var name = names.Contains(preferred) ? preferred : names[0];
        return (name, nodes[name]);
    }

    private static string Describe(NodeMetadata node) =>
        node.IsTensor ? $"{node.ElementDataType} [{string.Join(", ", node.Dimensions)}]" : node.OnnxValueType.ToString();
}
