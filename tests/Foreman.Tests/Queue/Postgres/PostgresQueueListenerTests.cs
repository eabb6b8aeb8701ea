using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Queue;

public class PostgresQueueListenerTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Listen_JobQueuedByAnotherNode_WakesThisNodesWorker()
    {
        using var queue = QueueFixture.Postgres(cluster);
        var signal = new QueueSignal();
        // An idle poll far longer than the test: only a notification can wake the worker in time.
        var options = Options.Create(new QueueOptions { IdlePollInterval = TimeSpan.FromMinutes(1) });
        using var listener = new PostgresQueueListener(queue.Database, signal, options, TimeProvider.System, NullLogger<PostgresQueueListener>.Instance);
        await listener.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.True(await signal.WaitAsync(Patience, TestContext.Current.CancellationToken)); // listening: it looks once for missed jobs
            Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken));

            queue.Enqueue(); // through another store instance's connection, as another node would
            Assert.True(await signal.WaitAsync(Patience, TestContext.Current.CancellationToken));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Listen_Sqlite_DoesNothing()
    {
        using var queue = QueueFixture.Sqlite();
        var signal = new QueueSignal();
        using var listener = new PostgresQueueListener(queue.Database, signal, Options.Create(new QueueOptions()), TimeProvider.System,
            NullLogger<PostgresQueueListener>.Instance);
        await listener.StartAsync(TestContext.Current.CancellationToken);
        await listener.ExecuteTask!;
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
    }
}
