using Foreman.Alignment;
using Foreman.Inputs;
using Foreman.Models;

namespace Foreman.Worker;

/// <summary>What to do with a job whose run threw: fail it now, naming why, or retry it after a delay.</summary>
/// <param name="FailReason">The failure's metric label (<c>input</c>, <c>model</c>, <c>exhausted</c>); null to retry.</param>
internal sealed record FailureDecision(string Error, string? FailReason, TimeSpan RetryDelay)
{
    /// <param name="backoff">The delay the job's attempt earns (<see cref="Queue.RetryBackoff"/>).</param>
    /// <param name="quarantineLeft">How long the job's model stays quarantined after a failed load; null when it is not.</param>
    public static FailureDecision For(Exception error, long attempt, long maxAttempts, TimeSpan backoff, TimeSpan? quarantineLeft) => error switch
    {
        // The input can never align or be read: another attempt would fail the same way.
        AlignmentInputException or UnusableAudioException => new(error.Message, "input", TimeSpan.Zero),
        // The model's files are broken: the same.
        ModelLoadException { Permanent: true } => new(error.Message, "model", TimeSpan.Zero),
        _ when attempt >= maxAttempts => new(Describe(error), "exhausted", TimeSpan.Zero),
        // A quarantined model is not loaded before its quarantine ends: retrying sooner would only fail again.
        ModelLoadException when quarantineLeft > backoff => new(Describe(error), null, quarantineLeft.Value),
        _ => new(Describe(error), null, backoff),
    };

    public bool Fails => FailReason is not null;

    public static string Describe(Exception e) =>
        e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";
}
