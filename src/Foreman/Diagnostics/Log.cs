using Microsoft.Extensions.Logging;

namespace Foreman.Diagnostics;

/// <summary>Every log line Foreman writes, source-generated with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Applied migration {Name}")]
    public static partial void MigrationApplied(ILogger logger, string name);

    [LoggerMessage(2, LogLevel.Information, "Loading model {Model}")]
    public static partial void ModelLoading(ILogger logger, string model);

    [LoggerMessage(3, LogLevel.Information, "Unloading model {Model}")]
    public static partial void ModelUnloading(ILogger logger, string model);

    [LoggerMessage(4, LogLevel.Information, "Model {Model} ready on {Device}: loaded in {LoadMs:F0} ms, warmed up in {WarmupMs:F0} ms")]
    public static partial void ModelReady(ILogger logger, string model, string device, double loadMs, double warmupMs);

    [LoggerMessage(5, LogLevel.Warning, "Model {Model} runs on the CPU: {Reason}")]
    public static partial void ModelDeviceFallback(ILogger logger, string model, string reason);

    [LoggerMessage(6, LogLevel.Error, "Model {Model} failed to load; quarantined until {RetryAt:u}: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, string model, string reason, DateTimeOffset retryAt);

    [LoggerMessage(10, LogLevel.Information, "Worker {Owner} started; took back {Count} job(s) left running by an earlier process")]
    public static partial void WorkerStarted(ILogger logger, string owner, int count);

    [LoggerMessage(22, LogLevel.Information, "Job {JobId} queued for model {Model}")]
    public static partial void JobQueued(ILogger logger, string jobId, string model);

    [LoggerMessage(11, LogLevel.Information, "Job {JobId} claimed for model {Model}, attempt {Attempt}/{MaxAttempts}")]
    public static partial void JobClaimed(ILogger logger, string jobId, string model, long attempt, long maxAttempts);

    [LoggerMessage(12, LogLevel.Information, "Job {JobId} done in {Milliseconds} ms")]
    public static partial void JobDone(ILogger logger, string jobId, long milliseconds);

    [LoggerMessage(13, LogLevel.Warning, "Job {JobId} attempt {Attempt} failed transiently, retrying in {Delay}: {Error}")]
    public static partial void JobRetrying(ILogger logger, string jobId, long attempt, TimeSpan delay, string error);

    [LoggerMessage(14, LogLevel.Warning, "Job {JobId} failed: {Error}")]
    public static partial void JobFailed(ILogger logger, string jobId, string error);

    [LoggerMessage(21, LogLevel.Error, "Job {JobId} failed as crashed_worker: its process died during it {Crashes} times")]
    public static partial void JobCrashedWorker(ILogger logger, string jobId, int crashes);

    [LoggerMessage(15, LogLevel.Warning, "Job {JobId} is no longer owned by this worker; its outcome was discarded")]
    public static partial void JobLost(ILogger logger, string jobId);

    [LoggerMessage(16, LogLevel.Information, "Job {JobId} handed back to the queue at shutdown")]
    public static partial void JobReleased(ILogger logger, string jobId);

    [LoggerMessage(17, LogLevel.Warning, "Took back {Count} job(s) whose worker stopped renewing its lease")]
    public static partial void JobsRescued(ILogger logger, int count);

    [LoggerMessage(19, LogLevel.Warning, "Renewing the lease of job {JobId} failed; trying again at the next beat")]
    public static partial void HeartbeatFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "The upload of done job {JobId} could not be deleted: {Error}")]
    public static partial void UploadNotDeleted(ILogger logger, string jobId, string error);

    [LoggerMessage(18, LogLevel.Error, "Worker loop error; continuing")]
    public static partial void WorkerLoopError(ILogger logger, Exception exception);

    [LoggerMessage(200, LogLevel.Information, "Listening for queued jobs of other nodes on channel {Channel}")]
    public static partial void QueueListening(ILogger logger, string channel);

    [LoggerMessage(201, LogLevel.Warning, "Lost the queue notification connection; polling meanwhile, reconnecting in {Delay}")]
    public static partial void QueueListenerLost(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(202, LogLevel.Warning, "Node heartbeat failed; the node may drop off the node list until the next one succeeds")]
    public static partial void NodeHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(300, LogLevel.Information, "Pulling {Source} from {Hub} into model {Model}")]
    public static partial void PullStarted(ILogger logger, string source, string hub, string model);

    [LoggerMessage(301, LogLevel.Warning, "Pull of model {Model}: {File} broke off with {Bytes} bytes on disk (attempt {Attempt}/{MaxAttempts}); resuming: {Error}")]
    public static partial void PullResuming(ILogger logger, string model, string file, long bytes, int attempt, int maxAttempts, string error);

    [LoggerMessage(302, LogLevel.Information, "Pulled {Source} into model {Model}: {Bytes} bytes in {Seconds:F1} s")]
    public static partial void PullDone(ILogger logger, string source, string model, long bytes, double seconds);

    [LoggerMessage(303, LogLevel.Error, "Pull of {Source} into model {Model} failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string source, string model, string reason);

    [LoggerMessage(304, LogLevel.Information, "Removed model {Model}")]
    public static partial void ModelRemoved(ILogger logger, string model);

    [LoggerMessage(100, LogLevel.Debug, "Prefetching the audio of a queued job: {Source}")]
    public static partial void PrefetchStarted(ILogger logger, string source);

    [LoggerMessage(101, LogLevel.Debug, "Audio {Source} was ready before its job started")]
    public static partial void PrefetchUsed(ILogger logger, string source);

    [LoggerMessage(102, LogLevel.Information, "Prefetching {Source} failed; its job will fetch it again: {Error}")]
    public static partial void PrefetchFailed(ILogger logger, string source, string error);

    [LoggerMessage(103, LogLevel.Error, "Prefetch loop error; continuing")]
    public static partial void PrefetchError(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Rejected {Method} {Path} from {Remote}: {Reason}")]
    public static partial void ApiKeyRejected(ILogger logger, string method, string path, string? remote, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Queue full at {Queued} jobs; told the client to retry after {Seconds} s")]
    public static partial void QueueFull(ILogger logger, long queued, long seconds);

    [LoggerMessage(140, LogLevel.Information, "Job {JobId}: fetched {Url} ahead of the worker in {Milliseconds} ms")]
    public static partial void AudioFetched(ILogger logger, string jobId, string url, long milliseconds);

    [LoggerMessage(141, LogLevel.Warning, "Job {JobId}: fetching its audio failed (try {Try}), trying again in {Delay}: {Error}")]
    public static partial void AudioFetchRetrying(ILogger logger, string jobId, long @try, TimeSpan delay, string error);

    [LoggerMessage(142, LogLevel.Error, "Input stage error; continuing")]
    public static partial void InputStageError(ILogger logger, Exception exception);

    [LoggerMessage(143, LogLevel.Information, "Swept {Count} stale upload file(s) with no job: {Files}")]
    public static partial void UploadsSwept(ILogger logger, int count, string files);

    [LoggerMessage(144, LogLevel.Warning, "Disk full: {What}")]
    public static partial void StorageFull(ILogger logger, string what);

    [LoggerMessage(400, LogLevel.Information, "Webhook {MessageId} for job {JobId} delivered to {Url} on attempt {Attempt}")]
    public static partial void WebhookDelivered(ILogger logger, string messageId, string jobId, string url, long attempt);

    [LoggerMessage(401, LogLevel.Warning, "Webhook {MessageId} for job {JobId}: {Url} {Error}; retrying in {Delay}")]
    public static partial void WebhookRetrying(ILogger logger, string messageId, string jobId, string url, string error, TimeSpan delay);

    [LoggerMessage(402, LogLevel.Warning, "Webhook {MessageId} for job {JobId} abandoned after {Attempts} attempt(s): {Url} {Error}")]
    public static partial void WebhookAbandoned(ILogger logger, string messageId, string jobId, string url, long attempts, string error);

    [LoggerMessage(403, LogLevel.Error, "Webhook dispatcher error; continuing")]
    public static partial void WebhookDispatcherError(ILogger logger, Exception exception);

    [LoggerMessage(600, LogLevel.Information, "Purged {Done} done, {Failed} failed and {Cancelled} cancelled job(s) past their retention in {Milliseconds} ms")]
    public static partial void JobsPurged(ILogger logger, int done, int failed, int cancelled, long milliseconds);

    [LoggerMessage(601, LogLevel.Warning, "The upload of purged job {JobId} could not be deleted: {Error}")]
    public static partial void PurgedUploadNotDeleted(ILogger logger, string jobId, string error);

    [LoggerMessage(602, LogLevel.Error, "Purge pass failed; trying again at the next pass")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(603, LogLevel.Warning, "{Path} predates incremental vacuum: purged space is reused but the file never shrinks; see docs/operations.md (Retention) for the one-time VACUUM")]
    public static partial void IncrementalVacuumOff(ILogger logger, string path);

    [LoggerMessage(700, LogLevel.Warning, "Setting {Setting} is deprecated: set Foreman:{Setting} instead (the old name still works)")]
    public static partial void SettingMoved(ILogger logger, string setting);
}
