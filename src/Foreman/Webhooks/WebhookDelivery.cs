namespace Foreman.Webhooks;

/// <summary>
/// One row of <c>webhook_deliveries</c> as claimed, with the job's unchanging fields: the job as it ended (state, attempt,
/// error and time are the ending's own, so every retry sends the same body even if the job was re-queued since).
/// Times are Unix milliseconds.
/// </summary>
public sealed class WebhookDelivery
{
    public required string JobId { get; init; }
    public long Seq { get; init; }
    public required string Url { get; init; }
    public required string JobState { get; init; }
    public long JobAttempt { get; init; }
    public string? JobError { get; init; }
    public long CreatedAt { get; init; }
    /// <summary>POSTs tried, this one included.</summary>
    public long Attempts { get; init; }

    public required string Model { get; init; }
    public required string Format { get; init; }
    public long MaxAttempts { get; init; }
    public long JobCreatedAt { get; init; }
    public long? StartedAt { get; init; }
    public long? DeadlineAt { get; init; }

    /// <summary>The <c>webhook-id</c>: the same for every retry of this delivery, distinct for a later ending of the job.</summary>
    public string MessageId => $"{JobId}_{Seq}";
}
