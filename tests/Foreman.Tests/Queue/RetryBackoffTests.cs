using Foreman.Queue;

namespace Foreman.Tests.Queue;

public class RetryBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 0.0, 1_000)]
    [InlineData(1, 1.0, 2_000)]
    [InlineData(2, 0.0, 2_000)]
    [InlineData(3, 0.5, 6_000)]
    [InlineData(30, 0.0, 150_000)]
    public void Delay_GrowsExponentiallyWithJitterAndCap(long attempt, double jitter, double expectedMs) =>
        Assert.Equal(expectedMs, RetryBackoff.Delay(attempt, Base, Max, jitter).TotalMilliseconds, precision: 6);

    [Fact]
    public void Delay_HugeAttempt_StaysAtCap() =>
        Assert.True(RetryBackoff.Delay(10_000, Base, Max, 0.999) <= Max);
}
