using Foreman.Queue;

namespace Foreman.Tests.Queue;

public class JobSchedulerTests
{
    private static readonly TimeSpan Aging = TimeSpan.FromMinutes(2);

    [Fact]
    public void PickNext_EmptyQueue_ReturnsNull() =>
        Assert.Null(JobScheduler.PickNext([], "a", 0, Aging));

    [Fact]
    public void PickNext_ResidentModelHasWork_PrefersItOverOlderJobs()
    {
        QueueHead[] heads = [new("1", "b", 100), new("2", "a", 200)];
        Assert.Equal("2", JobScheduler.PickNext(heads, "a", 300, Aging)!.JobId);
    }

    [Fact]
    public void PickNext_NoResidentWork_TakesOldest()
    {
        QueueHead[] heads = [new("2", "c", 200), new("1", "b", 100)];
        Assert.Equal("1", JobScheduler.PickNext(heads, "a", 300, Aging)!.JobId);
        Assert.Equal("1", JobScheduler.PickNext(heads, null, 300, Aging)!.JobId);
    }

    [Fact]
    public void PickNext_OldJobPastAgingLimit_WinsOverResident()
    {
        QueueHead[] heads = [new("1", "b", 0), new("2", "a", 1000)];
        var now = (long)Aging.TotalMilliseconds + 1;
        Assert.Equal("1", JobScheduler.PickNext(heads, "a", now, Aging)!.JobId);
    }

    [Fact]
    public void PickNext_OldJobExactlyAtAgingLimit_DoesNotJump()
    {
        QueueHead[] heads = [new("1", "b", 0), new("2", "a", 1000)];
        Assert.Equal("2", JobScheduler.PickNext(heads, "a", (long)Aging.TotalMilliseconds, Aging)!.JobId);
    }

    [Fact]
    public void PickNext_SameCreationTime_BreaksTieById()
    {
        QueueHead[] heads = [new("B", "y", 100), new("A", "x", 100)];
        Assert.Equal("A", JobScheduler.PickNext(heads, null, 100, Aging)!.JobId);
    }
}
