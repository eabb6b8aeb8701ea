using System.Data.Common;
using Foreman.Diagnostics;
using Foreman.Models;
using Foreman.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Worker;

/// <summary>
/// Reports this node to the <see cref="INodeRegistry"/> every heartbeat interval (its resident model and current job,
/// for <c>GET /api/v1/nodes</c>), and takes it off the list at a clean stop.
/// </summary>
internal sealed class NodeHeartbeat(
    INodeRegistry registry,
    WorkerIdentity identity,
    WorkerStatus worker,
    ModelResidency residency,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    /// <summary>The first beat happens before the host has started, so a started node always lists itself.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Beat();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.HeartbeatInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stoppingToken.IsCancellationRequested) Beat();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            registry.Leave(identity.Owner);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            Log.NodeHeartbeatFailed(logger, e);
        }
    }

    private void Beat()
    {
        try
        {
            registry.Beat(identity.Owner, _startedAt, residency.ResidentModel, worker.CurrentJobId);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            // A database hiccup must not stop the node; it drops off the list until a beat succeeds again.
            Log.NodeHeartbeatFailed(logger, e);
        }
    }
}
