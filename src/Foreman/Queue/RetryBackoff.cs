namespace Foreman.Queue;

/// <summary>
/// Delay before a transient failure's next attempt: exponential from the base delay, capped, with "equal jitter"
/// (half fixed, half random) so retries of jobs that failed together spread out.
/// </summary>
public static class RetryBackoff
{
    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    /// <param name="random01">A draw in [0, 1): the jitter.</param>
    public static TimeSpan Delay(long attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random01)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var capped = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * random01);
    }
}
