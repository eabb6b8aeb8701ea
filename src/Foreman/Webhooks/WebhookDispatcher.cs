using System.Text.Json;
using Foreman.Contracts;
using Foreman.Diagnostics;
using Foreman.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Foreman.Webhooks;

/// <summary>
/// Delivers the webhook outbox, apart from the worker so a slow or dead receiver never holds up a job: every
/// <c>PollInterval</c> it claims the due deliveries (of any node, on PostgreSQL), POSTs them in parallel, and records
/// each outcome: delivered on a 2xx, retried with backoff on a transient failure until <c>RetryFor</c> after the job's
/// end, abandoned on a permanent one. The body is the job as <c>GET /api/v1/jobs/{id}</c> shows it, as it ended.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookOutbox outbox,
    WebhookSender sender,
    IJobStore store,
    ForemanMetrics metrics,
    IOptions<WebhookOptions> options,
    IOptions<HttpJsonOptions> json,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 16;

    /// <summary>Names this process in claims; a new process is a new node, so a killed one's claims simply expire.</summary>
    private readonly string _node = $"{Environment.MachineName}/{Environment.ProcessId}/{Ulid.NewUlid()}";

    /// <summary>A claim outlives the POST it covers, so no other node sends the same delivery meanwhile.</summary>
    private TimeSpan ClaimFor => options.Value.Timeout * 2 + TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting
        if (!store.SharedByNodes) outbox.ReleaseAllClaims(); // SQLite: the process that held them is gone
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var due = outbox.ClaimDue(_node, ClaimFor, BatchSize);
                claimed = due.Count;
                await Task.WhenAll(due.Select(d => DeliverAsync(d, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.WebhookDispatcherError(logger, e);
            }
            if (claimed == BatchSize) continue; // more may be due now
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.Serialize(Payload(delivery), json.Value.SerializerOptions);
        var (outcome, detail) = await sender.SendAsync(delivery, body, time.GetUtcNow().ToUnixTimeSeconds(), stoppingToken);
        metrics.WebhookAttempts.Add(outcome.ToString().ToLowerInvariant());
        var now = time.GetUtcNow();
        switch (outcome)
        {
            case WebhookOutcome.Delivered:
                if (!outbox.MarkDelivered(delivery, _node)) return;
                metrics.WebhookDeliveries.Add("delivered");
                metrics.WebhookLatency.Observe((now - JobResponses.Time(delivery.CreatedAt)).TotalSeconds);
                Log.WebhookDelivered(logger, delivery.MessageId, delivery.JobId, delivery.Url, delivery.Attempts);
                return;
            case WebhookOutcome.Transient:
                var delay = RetryBackoff.Delay(delivery.Attempts, options.Value.FirstRetryDelay, options.Value.MaxRetryDelay, Random.Shared.NextDouble());
                if (now + delay <= JobResponses.Time(delivery.CreatedAt) + options.Value.RetryFor)
                {
                    if (outbox.Reschedule(delivery, _node, now + delay, detail))
                        Log.WebhookRetrying(logger, delivery.MessageId, delivery.JobId, delivery.Url, detail, delay);
                    return;
                }
                detail = $"{detail}; no retry left within {DescribeRetryFor()}";
                break;
        }
        var error = $"{delivery.Url} {detail} (attempt {delivery.Attempts})";
        if (!outbox.MarkFailed(delivery, _node, error)) return;
        metrics.WebhookDeliveries.Add("failed");
        Log.WebhookAbandoned(logger, delivery.MessageId, delivery.JobId, delivery.Url, delivery.Attempts, detail);
    }

    private string DescribeRetryFor() => HumanDuration.Describe(options.Value.RetryFor);

    /// <summary>The job as it ended: what <c>GET /api/v1/jobs/{id}</c> showed at that moment, without the history.</summary>
    private static JobResponse Payload(WebhookDelivery d) => new(
        d.JobId,
        JobResponses.UrlOf(d.JobId),
        d.JobState,
        d.Model,
        d.Format,
        d.JobAttempt,
        d.MaxAttempts,
        Position: null,
        JobResponses.Time(d.JobCreatedAt),
        d.StartedAt is { } started ? JobResponses.Time(started) : null,
        JobResponses.Time(d.CreatedAt),
        d.DeadlineAt is { } deadline ? JobResponses.Time(deadline) : null,
        d.JobError,
        d.JobState == JobState.Done.Name() ? JobResponses.ResultUrlOf(d.JobId) : null,
        Events: null);
}
