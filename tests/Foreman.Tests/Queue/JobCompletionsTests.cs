using Foreman.Queue;

namespace Foreman.Tests.Queue;

public class JobCompletionsTests
{
    [Fact]
    public void Notify_WakesEveryWaiterOfTheJob()
    {
        var completions = new JobCompletions();
        using var first = completions.Register("a");
        using var second = completions.Register("a");
        using var other = completions.Register("b");
        completions.Notify("a");
        Assert.True(first.Finished.IsCompleted);
        Assert.True(second.Finished.IsCompleted);
        Assert.False(other.Finished.IsCompleted);
    }

    [Fact]
    public void Dispose_LastWaiterGone_LeavesNothingBehind()
    {
        var completions = new JobCompletions();
        var first = completions.Register("a");
        var second = completions.Register("a");
        first.Dispose();
        Assert.Equal(1, completions.Pending);
        second.Dispose();
        second.Dispose();
        Assert.Equal(0, completions.Pending);
    }

    [Fact]
    public void Register_AfterNotify_WaitsAfresh()
    {
        var completions = new JobCompletions();
        using (var early = completions.Register("a")) completions.Notify("a");
        using var late = completions.Register("a");
        Assert.False(late.Finished.IsCompleted);
        Assert.Equal(1, completions.Pending);
    }
}
