using Foreman.Diagnostics;

namespace Foreman.Tests.Diagnostics;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(4.25, "4.3 s")]
    [InlineData(60, "1 min")]
    [InlineData(3600, "60 min")]
    [InlineData(4530, "75 min 30 s")]
    public void Describe_Duration_ReadsNaturally(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Describe(TimeSpan.FromSeconds(seconds)));
}
