namespace Foreman.Diagnostics;

/// <summary>The counters and histograms Foreman keeps; gauges (queue depth, states) are read at scrape time.</summary>
public sealed class ForemanMetrics
{
    private static readonly double[] Seconds = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
    private static readonly double[] Ratios = [0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.05, 0.1, 0.25, 0.5, 1];

    public MetricCounter JobsFinished { get; } = new("foreman_jobs_finished_total", "Jobs that reached a terminal state, by state.", "state");
    public MetricCounter JobRetries { get; } = new("foreman_job_retries_total", "Transient failures that sent a job back to the queue with backoff.");
    public MetricCounter JobFailures { get; } = new("foreman_job_failures_total", "Failed jobs by reason (input, model, exhausted, expired, lost_worker, crashed_worker).", "reason");
    public MetricCounter JobsRescued { get; } = new("foreman_jobs_rescued_total", "Running jobs taken back from a worker that stopped renewing its lease.");
    public MetricCounter JobsPurged { get; } = new("foreman_jobs_purged_total", "Finished jobs deleted past their retention, by state.", "state");
    public MetricCounter ModelLoads { get; } = new("foreman_model_loads_total", "Successful model loads, by model.", "model");
    public MetricCounter ModelLoadFailures { get; } = new("foreman_model_load_failures_total", "Failed model loads, by model.", "model");
    public MetricCounter ModelUnloads { get; } = new("foreman_model_unloads_total", "Model unloads, by model.", "model");
    public MetricCounter ModelSwaps { get; } = new("foreman_model_swaps_total", "Unloads of the resident model for another one (counted even when that load then fails), by the model loaded.", "model");
    public MetricCounter WebhookAttempts { get; } = new("foreman_webhook_attempts_total", "Webhook POSTs by outcome (delivered, transient, permanent).", "outcome");
    public MetricCounter WebhookDeliveries { get; } = new("foreman_webhook_deliveries_total", "Webhooks settled, by result (delivered, failed: refused or out of retries).", "result");
    public MetricHistogram WebhookLatency { get; } = new("foreman_webhook_delivery_seconds", "Time from the job's end to its webhook's 2xx.", Seconds);
    public MetricHistogram JobWait { get; } = new("foreman_job_wait_seconds", "Time from submit to the start of the job's successful attempt.", Seconds);
    public MetricHistogram JobRun { get; } = new("foreman_job_run_seconds", "Time of a job's attempt from claim to outcome.", Seconds);
    public MetricHistogram ModelLoad { get; } = new("foreman_model_load_seconds", "Model session creation time, by model.", Seconds, "model");
    public MetricHistogram ModelWarmup { get; } = new("foreman_model_warmup_seconds", "Model warm-up time, by model.", Seconds, "model");
    public MetricSecondsCounter WorkerBusy { get; } = new("foreman_worker_busy_seconds_total",
        "Wall time the worker spent on jobs, claim to outcome, by phase (claim, model_load, decode, input_wait, inference, complete).", "phase");
    public MetricHistogram InferenceRealTimeFactor { get; } = new("foreman_inference_real_time_factor", "Inference time divided by audio duration, per job.", Ratios);

    public void WriteTo(PrometheusText text)
    {
        foreach (var counter in new[] { JobsFinished, JobRetries, JobFailures, JobsRescued, JobsPurged, ModelLoads, ModelLoadFailures, ModelUnloads, ModelSwaps, WebhookAttempts, WebhookDeliveries })
            counter.WriteTo(text);
        WorkerBusy.WriteTo(text);
        foreach (var histogram in new[] { JobWait, JobRun, ModelLoad, ModelWarmup, InferenceRealTimeFactor, WebhookLatency })
            histogram.WriteTo(text);
    }
}
