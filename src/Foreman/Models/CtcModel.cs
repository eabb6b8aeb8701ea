using Foreman.Emissions;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Foreman.Models;

/// <summary>
/// An ONNX Runtime session over a wav2vec2-style CTC model: audio in, per-frame logits out.
/// Framing (samples per frame) is measured at load rather than assumed, so any such export works.
/// </summary>
public sealed class CtcModel : IDisposable
{
    private const string PreferredInput = "input_values";
    private const string PreferredOutput = "logits";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string[] _outputNames;

    public ModelFolder Folder { get; }
    public Vocabulary Vocabulary => Folder.Vocabulary;
    public int SampleRate => Folder.SampleRate;

    /// <summary><c>cpu</c> or <c>cuda</c>: where inference actually runs.</summary>
    public string Device { get; }

    /// <summary>Why <see cref="InferenceDevice.Auto"/> fell back to the CPU; null when it did not.</summary>
    public string? DeviceFallbackReason { get; }

    /// <summary>Samples between consecutive frames (320 for wav2vec2 at 16 kHz).</summary>
    public int FrameStride { get; }

    /// <summary>Seconds between consecutive frames.</summary>
    public double FrameSeconds => (double)FrameStride / SampleRate;

    private CtcModel(ModelFolder folder, InferenceSession session, string device, string? fallbackReason)
    {
        Folder = folder;
        _session = session;
        Device = device;
        DeviceFallbackReason = fallbackReason;
        _inputName = session.InputNames.Contains(PreferredInput) ? PreferredInput : session.InputNames[0];
        var output = session.OutputNames.Contains(PreferredOutput) ? PreferredOutput : session.OutputNames[0];
        _outputNames = [output];
        FrameStride = MeasureFrameStride();
    }

    /// <exception cref="FileNotFoundException">A required file is missing (named in the message).</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or the model does not match its vocabulary.</exception>
    /// <exception cref="CudaUnavailableException">CUDA was required and cannot be used here.</exception>
    public static CtcModel Load(string modelDirectory, InferenceOptions options)
    {
        options.Validate();
        var folder = ModelFolder.Open(modelDirectory);
        string? fallbackReason = null;
        if (options.Device != InferenceDevice.Cpu)
        {
            // ONNX Runtime is asked only when nothing visibly misses: asked without the provider's libraries, it prints
            // a native error on every load.
            var reason = CudaDiagnosis.Precheck();
            Exception? failure = null;
            if (reason is null)
            {
                // The first inference (measuring the frame stride) is part of the try: the CUDA provider opens cuDNN only then.
                try
                {
                    return Open(folder, options, cuda: true, fallbackReason: null);
                }
                catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    (reason, failure) = ($"ONNX Runtime: {e.Message}", e);
                }
            }
            if (options.Device == InferenceDevice.Cuda) throw new CudaUnavailableException(reason, failure);
            fallbackReason = $"CUDA unavailable, running on the CPU: {reason}";
        }
        return Open(folder, options, cuda: false, fallbackReason);
    }

    private static CtcModel Open(ModelFolder folder, InferenceOptions options, bool cuda, string? fallbackReason)
    {
        var session = CreateSession(folder.ModelPath, options, cuda);
        try
        {
            return new CtcModel(folder, session, cuda ? "cuda" : "cpu", fallbackReason);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static InferenceSession CreateSession(string modelPath, InferenceOptions options, bool cuda)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (cuda) sessionOptions.AppendExecutionProvider_CUDA();
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e) when (!cuda)
        {
            throw new InvalidDataException($"{modelPath} could not be loaded by ONNX Runtime: {e.Message}", e);
        }
    }

    /// <summary>Runs the model on one stretch of (already normalized) audio.</summary>
    /// <exception cref="InvalidDataException">The logits are not [1, frames, vocabulary size].</exception>
    public Logits Infer(Memory<float> samples)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, samples, [1, samples.Length]);
        var outputs = _session.Run(_runOptions, [_inputName], [input], _outputNames);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        if (shape.Length != 3 || shape[2] != Vocabulary.Size)
        {
            outputs.Dispose();
            throw new InvalidDataException(
                $"{Folder.ModelPath}: output '{_outputNames[0]}' has shape [{string.Join(", ", shape)}], expected [1, frames, {Vocabulary.Size}] to match vocab.json");
        }
        return new Logits(outputs, (int)shape[1], Vocabulary.Size);
    }

    // Two lengths one second apart give the frames per second, hence the stride, whatever the front end's padding.
    private int MeasureFrameStride()
    {
        var random = new Random(20260101);
        var shortFrames = FramesFor(SampleRate, random);
        var longFrames = FramesFor(2 * SampleRate, random);
        var added = longFrames - shortFrames;
        if (added <= 0 || SampleRate % added != 0)
            throw new InvalidDataException($"{Folder.ModelPath}: cannot derive a frame stride ({shortFrames} frames for 1 s, {longFrames} for 2 s)");
        return SampleRate / added;
    }

    private int FramesFor(int length, Random random)
    {
        var noise = new float[length];
        for (var i = 0; i < noise.Length; i++) noise[i] = (float)(random.NextDouble() - 0.5) * 0.01f;
        using var logits = Infer(noise);
        return logits.Frames;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
