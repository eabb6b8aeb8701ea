using System.Runtime.CompilerServices;
using Foreman.Emissions;

namespace Foreman.Models;

/// <summary>
/// Runs a CTC model over a whole file and returns log-softmax emissions (no frames for audio shorter than one). Audio longer than one window goes in
/// overlapping windows, each keeping only its interior frames, so memory stays bounded for long files.
/// </summary>
public sealed class EmissionCalculator(CtcModel model, InferenceOptions options)
{
    // Hugging Face's Wav2Vec2FeatureExtractor adds this to the variance.
    private const double NormalizeEpsilon = 1e-7;

    /// <param name="progress">Share of the file done, 0..1.</param>
    public EmissionMatrix Compute(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var stride = model.FrameStride;
        var width = model.Vocabulary.Size;
        // Below one stride-and-a-bit the model has no complete frame; such audio cannot hold any lyrics anyway.
        if (samples.Length < 2 * stride) return new EmissionMatrix([], 0, width, model.FrameSeconds);
        var (shift, scale) = model.Folder.Normalize ? NormalizationOf(samples) : (0f, 1f);
        var contextFrames = (int)Math.Ceiling(options.ContextSeconds * model.SampleRate / stride);
        var windowFrames = (int)(options.WindowSeconds * model.SampleRate / stride);
        var keptPerWindow = windowFrames - 2 * contextFrames;

        var capacity = samples.Length / stride + 1;
        var logProbs = new float[(long)capacity * width];
        var window = new float[Math.Min(samples.Length, (windowFrames + 2) * stride)];
        var frames = 0;
        for (var keepFrom = 0; ; keepFrom += keptPerWindow)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Windows start on a frame boundary, so window frame j is exactly file frame firstFrame + j.
            var firstFrame = Math.Max(0, keepFrom - contextFrames);
            var start = firstFrame * stride;
            var length = Math.Min(samples.Length - start, window.Length);
            var isLast = start + length >= samples.Length;
            var audio = window.AsMemory(0, length);
            Scale(samples.AsSpan(start, length), audio.Span, shift, scale);
            using var logits = model.Infer(audio);
            var keepTo = isLast ? firstFrame + logits.Frames : Math.Min(keepFrom + keptPerWindow, firstFrame + logits.Frames);
            for (var frame = keepFrom; frame < keepTo; frame++)
                LogSoftmax(logits.Row(frame - firstFrame), logProbs.AsSpan(frame * width, width));
            frames = Math.Max(frames, keepTo);
            progress?.Report(Math.Min(1.0, (double)(start + length) / samples.Length));
            if (isLast || keepTo <= keepFrom) break;
        }
        return new EmissionMatrix(logProbs, frames, width, model.FrameSeconds);
    }

    // Statistics over the whole file, not per window: every window then sees the same waveform a whole-file pass would.
    // Runs per frame or per sample: optimized from the first call, since `foreman align` ends before tiering would.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (float Shift, float Scale) NormalizationOf(ReadOnlySpan<float> samples)
    {
        double sum = 0, sumSquares = 0;
        foreach (var x in samples)
        {
            sum += x;
            sumSquares += (double)x * x;
        }
        var mean = sum / Math.Max(1, samples.Length);
        var variance = Math.Max(0, sumSquares / Math.Max(1, samples.Length) - mean * mean);
        return ((float)mean, (float)(1 / Math.Sqrt(variance + NormalizeEpsilon)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(ReadOnlySpan<float> source, Span<float> destination, float shift, float scale)
    {
        for (var i = 0; i < source.Length; i++) destination[i] = (source[i] - shift) * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LogSoftmax(ReadOnlySpan<float> logits, Span<float> destination)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits) max = Math.Max(max, x);
        var sum = 0f;
        foreach (var x in logits) sum += MathF.Exp(x - max);
        var logSum = max + MathF.Log(sum);
        for (var i = 0; i < logits.Length; i++) destination[i] = logits[i] - logSum;
    }
}
