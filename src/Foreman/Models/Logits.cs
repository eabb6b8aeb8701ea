using Microsoft.ML.OnnxRuntime;

namespace Foreman.Models;

/// <summary>One inference call's logits, [frames × width], viewed in place in ONNX Runtime's output buffer.</summary>
public sealed class Logits(IDisposableReadOnlyCollection<OrtValue> outputs, int frames, int width) : IDisposable
{
    public int Frames { get; } = frames;
    public int Width { get; } = width;

    public ReadOnlySpan<float> Row(int frame) => outputs[0].GetTensorDataAsSpan<float>().Slice(frame * Width, Width);

    public void Dispose() => outputs.Dispose();
}
