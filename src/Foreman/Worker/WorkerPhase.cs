namespace Foreman.Worker;

/// <summary>
/// What the worker spends its busy time on, the <c>phase</c> label of <c>foreman_worker_busy_seconds_total</c>. With a
/// backlog the worker should spend nearly all of it in <see cref="Inference"/>.
/// </summary>
public static class WorkerPhase
{
    /// <summary>Finding and claiming the job (and the periodic expiry and lease sweep before it).</summary>
    public const string Claim = "claim";

    /// <summary>Acquiring the job's model: nothing when it is resident, a load and warm-up when not.</summary>
    public const string ModelLoad = "model_load";

    /// <summary>Decoding the job's audio on the worker's own path: nothing had decoded it ahead.</summary>
    public const string Decode = "decode";

    /// <summary>Waiting for audio the prefetch was decoding (or had decoded) ahead of the worker.</summary>
    public const string InputWait = "input_wait";

    /// <summary>The model's forward pass and the alignment: the work the worker exists for.</summary>
    public const string Inference = "inference";

    /// <summary>Storing the outcome (and claiming the next job in the same transaction), and the job's clean-up.</summary>
    public const string Complete = "complete";

    public static IReadOnlyList<string> All { get; } = [Claim, ModelLoad, Decode, InputWait, Inference, Complete];
}
