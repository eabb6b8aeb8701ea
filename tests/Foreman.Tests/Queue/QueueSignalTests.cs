using Foreman.Queue;

namespace Foreman.Tests.Queue;

public sealed class QueueSignalTests
{
    [Fact]
    public async Task Notify_ManyTimesBeforeAWait_WakesOnce()
    {
        var signal = new QueueSignal();

        for (var i = 0; i < 1_000; i++) signal.Notify();

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Notify_AfterAWakeUpWasTaken_WakesAgain()
    {
        var signal = new QueueSignal();
        signal.Notify();
        await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        var waiting = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        signal.Notify();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Notify_FromManyThreadsAtOnce_NeverThrowsAndWakesOnce()
    {
        var signal = new QueueSignal();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++) signal.Notify();
        })));

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
