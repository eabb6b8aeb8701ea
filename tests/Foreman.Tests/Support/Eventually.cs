namespace Foreman.Tests.Support;

/// <summary>
/// Waits for something outside the test's control (a browser, a child process, a hosted service) to become true,
/// checking often and giving up after a bound: the alternative to sleeping a fixed time.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(30);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > limit) throw new TimeoutException($"gave up waiting for {what} after {limit}");
            await Task.Delay(20, cancellationToken);
        }
    }
}
