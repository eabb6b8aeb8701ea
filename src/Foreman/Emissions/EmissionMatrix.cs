namespace Foreman.Emissions;

/// <summary>Per-frame log posteriors of a CTC model, [frames × width], row-major.</summary>
public sealed class EmissionMatrix
{
    private readonly float[] _logProbs;

    public int Frames { get; }
    public int Width { get; }

    /// <summary>Seconds between consecutive frames.</summary>
    public double FrameSeconds { get; }

    public EmissionMatrix(float[] logProbs, int frames, int width, double frameSeconds)
    {
        if (frames < 0 || width < 1 || logProbs.Length < (long)frames * width)
            throw new ArgumentException($"{logProbs.Length} values cannot hold {frames} frames of width {width}");
        _logProbs = logProbs;
        Frames = frames;
        Width = width;
        FrameSeconds = frameSeconds;
    }

    public ReadOnlySpan<float> Row(int frame) => _logProbs.AsSpan(frame * Width, Width);

    public float this[int frame, int token] => _logProbs[frame * Width + token];
}
