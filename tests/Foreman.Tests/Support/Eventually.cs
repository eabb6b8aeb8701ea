namespace Foreman.Tests.Support;

/// <summary>
/// Waits for something outside the test's control (a browser, a child process) to become true, checking often and
/// giving up after a bound: the alternative to sleeping a fixed time.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(50, cancellationToken);
        }
    }
}
