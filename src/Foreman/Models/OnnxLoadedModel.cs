using Foreman.Emissions;

namespace Foreman.Models;

/// <summary>A CTC model loaded with ONNX Runtime, heard through windowed inference (<see cref="EmissionCalculator"/>).</summary>
public sealed class OnnxLoadedModel : ILoadedModel
{
    private readonly CtcModel _model;
    private readonly EmissionCalculator _emissions;

    public string Name { get; }
    public string Device => _model.Device;
    public int SampleRate => _model.SampleRate;
    public Vocabulary Vocabulary => _model.Vocabulary;

    /// <summary>Why the model runs on the CPU although CUDA was allowed; null when it did not fall back.</summary>
    public string? DeviceFallbackReason => _model.DeviceFallbackReason;

    private OnnxLoadedModel(string name, CtcModel model, InferenceOptions options)
    {
        Name = name;
        _model = model;
        _emissions = new EmissionCalculator(model, options);
    }

    /// <inheritdoc cref="CtcModel.Load"/>
    public static OnnxLoadedModel Load(string modelDirectory, string name, InferenceOptions options)
    {
        var model = CtcModel.Load(modelDirectory, options);
        return new OnnxLoadedModel(name, model, options);
    }

    public AudioEmissions Listen(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken) =>
        new(_emissions.Compute(samples, progress, cancellationToken), Vocabulary, (double)samples.Length / SampleRate);

    public void Dispose() => _model.Dispose();
}
