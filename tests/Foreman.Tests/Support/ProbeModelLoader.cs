using Foreman.Alignment;
using Foreman.Models;

namespace Foreman.Tests.Support;

/// <summary>
/// A stand-in for the ONNX loader in the queue's own tests: records loads and overlapping inferences, and fails on
/// the attempts it is told to. Its result has one line per non-blank lyric line, timed by line number.
/// </summary>
public sealed class ProbeModelLoader : IModelLoader
{
    private int _running;
    private int _maxConcurrent;
    private int _aligns;

    /// <summary>The model of each inference, in order.</summary>
    public List<string> AlignedModels { get; } = [];

    /// <summary>Names of loaded models, in load order.</summary>
    public List<string> Loads { get; } = [];

    public int Unloads;

    /// <summary>How long each inference takes.</summary>
    public TimeSpan AlignDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Decides, per inference (1-based count), whether to throw instead.</summary>
    public Func<int, Exception?> FailOn { get; set; } = _ => null;

    public int MaxConcurrent => _maxConcurrent;

    public int Aligns => _aligns;

    /// <summary>Blocks each load until set (a hung load, for timeout tests); null: loads at once.</summary>
    public ManualResetEventSlim? LoadGate { get; set; }

    /// <summary>The confidence of line i (0-based), for its words too.</summary>
    public Func<int, double> LineConfidence { get; set; } = _ => 0.9;

    /// <summary>Decides, per model name, whether loading throws instead (a corrupt file).</summary>
    public Func<string, Exception?> FailLoad { get; set; } = _ => null;

    public ILoadedModel Load(string name, CancellationToken cancellationToken)
    {
        LoadGate?.Wait(cancellationToken);
        if (FailLoad(name) is { } failure) throw failure;
        lock (Loads) Loads.Add(name);
        return new ProbeModel(this, name);
    }

    private sealed class ProbeModel(ProbeModelLoader owner, string name) : ILoadedModel
    {
        public string Name => name;
        public string Device => "cpu";
        public int SampleRate => 16000;
        public string? DeviceFallbackReason => null;

        public AlignmentResult Align(float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref owner._running);
            try
            {
                InterlockedMax(ref owner._maxConcurrent, running);
                var count = Interlocked.Increment(ref owner._aligns);
                lock (owner.AlignedModels) owner.AlignedModels.Add(name);
                if (owner.FailOn(count) is { } failure) throw failure;
                // Like the real engine, inference notices cancellation while it runs.
                if (owner.AlignDuration > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(owner.AlignDuration))
                    cancellationToken.ThrowIfCancellationRequested();
                var lines = lyrics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select((text, i) => new AlignedLine(text, i, i + 0.5, owner.LineConfidence(i), [new AlignedWord(text, i, i + 0.5, owner.LineConfidence(i))]))
                    .ToList();
                return new AlignmentResult(name, samples.Length / 16000.0, lines);
            }
            finally
            {
                Interlocked.Decrement(ref owner._running);
            }
        }

        public void Dispose() => Interlocked.Increment(ref owner.Unloads);

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }
}
