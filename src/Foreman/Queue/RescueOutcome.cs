namespace Foreman.Queue;

/// <summary>What a lease rescue did: jobs sent back to the queue, and jobs failed because that was their last attempt.</summary>
public sealed record RescueOutcome(int Requeued, IReadOnlyList<string> Failed)
{
    public int Total => Requeued + Failed.Count;
}
