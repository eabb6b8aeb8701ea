using Foreman.Alignment;
using Foreman.Emissions;
using Foreman.Models;
using Foreman.Worker;

namespace Foreman.Tests.Support;

/// <summary>
/// A stand-in for the ONNX loader and the worker's aligner in the queue's own tests: records loads and overlapping
/// inferences, and fails on the attempts it is told to. Its result has one line per non-blank lyric line, timed by
/// line number.
/// </summary>
public sealed class ProbeModelLoader : IModelLoader, ISongAligner
{
    private int _running;
    private int _maxConcurrent;
    private int _aligns;

    /// <summary>The model of each inference, in order.</summary>
    public List<string> AlignedModels { get; } = [];

    /// <summary>Names of loaded models, in load order.</summary>
    public List<string> Loads { get; } = [];

    public int Unloads;

    /// <summary>Inferences outside jobs (warm-ups).</summary>
    public int Listens;

    /// <summary>Decides whether a warm-up inference throws instead (a model whose output is unusable).</summary>
    public Func<Exception?> FailListen { get; set; } = () => null;

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

    public AlignmentResult Align(ILoadedModel model, float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        try
        {
            InterlockedMax(ref _maxConcurrent, running);
            var count = Interlocked.Increment(ref _aligns);
            lock (AlignedModels) AlignedModels.Add(model.Name);
            if (FailOn(count) is { } failure) throw failure;
            // Like the real engine, inference notices cancellation while it runs.
            if (AlignDuration > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(AlignDuration))
                cancellationToken.ThrowIfCancellationRequested();
            var lines = lyrics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select((text, i) => new AlignedLine(text, i, i + 0.5, LineConfidence(i), [new AlignedWord(text, i, i + 0.5, LineConfidence(i))]))
                .ToList();
            return new AlignmentResult(model.Name, samples.Length / 16000.0, lines);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    private sealed class ProbeModel(ProbeModelLoader owner, string name) : ILoadedModel
    {
        public string Name => name;
        public string Device => "cpu";
        public int SampleRate => 16000;
        public string? DeviceFallbackReason => null;
        public Vocabulary Vocabulary { get; } = new(new Dictionary<string, int> { ["<pad>"] = 0, ["|"] = 1 });

        /// <summary>Hears nothing (warm-ups call it); jobs align through <see cref="ProbeModelLoader.Align"/>.</summary>
        public AudioEmissions Listen(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner.Listens);
            if (owner.FailListen() is { } failure) throw failure;
            return new AudioEmissions(new EmissionMatrix([], 0, Vocabulary.Size, 0.02), Vocabulary, samples.Length / 16000.0);
        }

        public void Dispose() => Interlocked.Increment(ref owner.Unloads);
    }
}
