using Foreman.Alignment;

namespace Foreman.Models;

/// <summary>A CTC model loaded with ONNX Runtime, aligning through <see cref="ForcedAlignmentEngine"/>.</summary>
public sealed class OnnxLoadedModel : ILoadedModel
{
    private readonly CtcModel _model;

    public string Name { get; }
    public string Device => _model.Device;
    public int SampleRate => _model.SampleRate;

    /// <summary>Why the model runs on the CPU although CUDA was allowed; null when it did not fall back.</summary>
    public string? DeviceFallbackReason => _model.DeviceFallbackReason;

    public ForcedAlignmentEngine Engine { get; }

    private OnnxLoadedModel(string name, CtcModel model, ForcedAlignmentEngine engine)
    {
        Name = name;
        _model = model;
        Engine = engine;
    }

    /// <inheritdoc cref="CtcModel.Load"/>
    public static OnnxLoadedModel Load(string modelDirectory, string name, InferenceOptions options, AlignmentOptions? alignment = null)
    {
        var model = CtcModel.Load(modelDirectory, options);
        try
        {
            return new OnnxLoadedModel(name, model, new ForcedAlignmentEngine(model, options, alignment ?? new AlignmentOptions()));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public AlignmentResult Align(float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken) =>
        Engine.Align(Name, samples, lyrics, language, progress, cancellationToken);

    public void Dispose() => _model.Dispose();
}
