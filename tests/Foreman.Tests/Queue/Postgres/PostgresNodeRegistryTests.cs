using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Queue;

public class PostgresNodeRegistryTests(PostgresCluster cluster)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public void Live_NodeSilentLongerThanALease_IsLeftOut()
    {
        using var queue = QueueFixture.Postgres(cluster);
        var registry = new PostgresNodeRegistry((PostgresDatabase)queue.Database, Options.Create(new QueueOptions { LeaseDuration = Lease }), queue.Time);
        var started = queue.Time.GetUtcNow();
        registry.Beat("node-a", started, "m1", "job-1");
        queue.Time.Advance(TimeSpan.FromSeconds(20));
        registry.Beat("node-b", started, null, null);
        registry.Beat("node-a", started, "m2", null);
        Assert.Equal([("node-a", "m2"), ("node-b", null)], registry.Live().Select(n => (n.Id, n.ResidentModel)));

        queue.Time.Advance(TimeSpan.FromSeconds(31)); // node-a has been silent for longer than a lease
        registry.Beat("node-b", started, "m1", "job-2");
        var live = Assert.Single(registry.Live());
        Assert.Equal(("node-b", "m1", "job-2"), (live.Id, live.ResidentModel, live.CurrentJobId));
        Assert.Equal(queue.Time.GetUtcNow().ToUnixTimeMilliseconds(), live.LastSeen);

        registry.Leave("node-b");
        Assert.Empty(registry.Live());
    }
}
