namespace Foreman.Queue;

/// <summary>
/// What a lease rescue did: jobs sent back to the queue, jobs failed because that was their last attempt, and jobs
/// failed as <c>crashed_worker</c> because their process died under them too many times.
/// </summary>
public sealed record RescueOutcome(int Requeued, IReadOnlyList<string> Failed, IReadOnlyList<string> Crashed)
{
    public int Total => Requeued + Failed.Count + Crashed.Count;
}
