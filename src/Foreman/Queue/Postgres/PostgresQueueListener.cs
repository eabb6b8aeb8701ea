using Foreman.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Foreman.Queue;

/// <summary>
/// Wakes this node's idle worker when any node queues a job: <c>LISTEN</c> on the queue channel, and a
/// <see cref="QueueSignal.Notify"/> per notification, so workers need not poll the shared database tightly.
/// Does nothing on SQLite, where every submit happens in the worker's own process.
/// </summary>
public sealed class PostgresQueueListener(
    IQueueDatabase database,
    QueueSignal signal,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILogger<PostgresQueueListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database is not PostgresDatabase postgres) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(postgres, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                // Until the connection is back, the worker still looks at the queue every idle poll interval.
                Log.QueueListenerLost(logger, options.Value.IdlePollInterval, e);
                await Task.Delay(options.Value.IdlePollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListenAsync(PostgresDatabase postgres, CancellationToken stoppingToken)
    {
        await using var connection = await postgres.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => signal.Notify();
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.QueueChannel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        Log.QueueListening(logger, PostgresDatabase.QueueChannel);
        signal.Notify(); // jobs queued while this node was not listening were announced to nobody here
        while (true) await connection.WaitAsync(stoppingToken);
    }
}
