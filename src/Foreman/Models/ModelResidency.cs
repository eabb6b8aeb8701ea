using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Models;

/// <summary>
/// Owns the one model resident on the accelerator and every model's lifecycle state. Loads are serialized, so a
/// second request for the model being loaded waits for that load and shares it; loading another model unloads the
/// resident one first; an idle model is unloaded once its keep-alive runs out (zero: right after the job; negative: never).
/// A model whose load fails is quarantined (<see cref="ModelOptions.LoadRetryDelay"/>, doubling): until then requests for
/// it fail at once, and its files are checked before the resident model is unloaded for it, so a broken model never
/// evicts a healthy one. State reads never wait for a load in progress.
/// </summary>
public sealed class ModelResidency(
    IModelLoader loader,
    ForemanMetrics metrics,
    IOptions<ModelOptions> options,
    TimeProvider time,
    ILogger<ModelResidency> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, ModelStatus> _statuses = new(StringComparer.Ordinal);
    private ILoadedModel? _resident;
    private volatile string? _residentName;
    private DateTimeOffset? _expiresAt;
    private bool _residentStale;

    public string? ResidentModel => _residentName;

    /// <summary>The last known status of a model; unloaded when it was never touched.</summary>
    public ModelStatus StatusOf(string name) => _statuses.GetValueOrDefault(name) ?? new ModelStatus(name, ModelState.Unloaded);

    /// <summary>The model, loading and warming it (and unloading the resident one) when it is not resident.</summary>
    /// <exception cref="ModelLoadException">
    /// The load failed or timed out (the model is marked failed with the reason), or the model is still quarantined after
    /// an earlier failure.
    /// </exception>
    public ILoadedModel Acquire(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _expiresAt = null;
            if (_resident?.Name == name && !_residentStale) return _resident;
            return LoadInPlaceLocked(name, cancellationToken);
        }
    }

    /// <summary>
    /// Loads a failed model again once its quarantine is over, but only while no model is resident, so a background retry
    /// never takes the accelerator from a model in use or kept alive. Returns false when it did not try.
    /// </summary>
    /// <exception cref="ModelLoadException">The load failed again.</exception>
    public bool RetryFailed(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_resident is not null || StatusOf(name) is not { State: ModelState.Failed } status || time.GetUtcNow() < status.NextLoadAt) return false;
            LoadInPlaceLocked(name, cancellationToken); // no keep-alive armed: resident until a job needs another model
            return true;
        }
    }

    /// <summary>Called after a job: arms the keep-alive of the resident model.</summary>
    public void Release(TimeSpan keepAlive)
    {
        lock (_gate)
        {
            if (_resident is null) return;
            if (keepAlive == TimeSpan.Zero) UnloadLocked();
            else _expiresAt = keepAlive < TimeSpan.Zero ? null : time.GetUtcNow() + keepAlive;
        }
    }

    /// <summary>Unloads the resident model if its keep-alive has run out. Returns true when it did.</summary>
    public bool UnloadIfExpired()
    {
        lock (_gate)
        {
            if (_resident is null || _expiresAt is null || time.GetUtcNow() < _expiresAt) return false;
            UnloadLocked();
            return true;
        }
    }

    /// <summary>
    /// The model's files changed on disk (replaced by a pull): if it is resident, the next <see cref="Acquire"/> loads it
    /// afresh. The session in use is not disposed here, so a job running on it finishes.
    /// </summary>
    public void Invalidate(string name)
    {
        lock (_gate)
        {
            _residentStale |= _resident?.Name == name;
            // New files deserve a new try: a failed model's quarantine ends.
            if (StatusOf(name) is { State: ModelState.Failed } failed) _statuses[name] = failed with { NextLoadAt = null };
        }
    }

    public void Unload()
    {
        lock (_gate) UnloadLocked();
    }

    public void Dispose() => Unload();

    /// <summary>Replaces the resident model by <paramref name="name"/>, unless it is quarantined or its files are broken.</summary>
    private ILoadedModel LoadInPlaceLocked(string name, CancellationToken cancellationToken)
    {
        if (StatusOf(name) is { State: ModelState.Failed, NextLoadAt: { } retryAt } failed && time.GetUtcNow() < retryAt)
            throw new ModelLoadException(name, $"{failed.LastError} (quarantined until {retryAt:u})", failed.FailurePermanent);
        try
        {
            loader.Validate(name);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw Failed(name, e.Message, permanent: true, e);
        }
        if (_resident is { } evicted && evicted.Name != name) metrics.ModelSwaps.Add(name);
        UnloadLocked();
        return LoadLocked(name, cancellationToken);
    }

    /// <summary>Loads and warms the model and makes it the resident one (nothing may be resident when called).</summary>
    private ILoadedModel LoadLocked(string name, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var previous = StatusOf(name);
        Log.ModelLoading(logger, name);
        _statuses[name] = previous with { State = ModelState.Loading, LastError = null };
        var clock = Stopwatch.StartNew();
        // Session creation cannot be interrupted, so a hung load is abandoned after the timeout (and disposed if it ever ends).
        var loading = Task.Run(() => loader.Load(name, cancellationToken), cancellationToken);
        ILoadedModel model;
        try
        {
            if (!loading.Wait(settings.LoadTimeout, cancellationToken))
            {
                _ = loading.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                throw Failed(name, $"the load did not finish within {settings.LoadTimeout}", permanent: false);
            }
            model = loading.Result;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            // A session that cannot be created from these files will not be created on the next try either; memory might.
            throw Failed(name, e.InnerException.Message, permanent: e.InnerException is not OutOfMemoryException, e.InnerException);
        }
        var loadMs = clock.Elapsed.TotalMilliseconds;
        metrics.ModelLoad.Observe(loadMs / 1000, name);

        // Said as soon as it is known, before warm-up: a reader who sees the model ready also finds the reason in the log.
        if (model.DeviceFallbackReason is { } reason) Log.ModelDeviceFallback(logger, name, reason);
        _statuses[name] = StatusOf(name) with { State = ModelState.WarmingUp, Device = model.Device, DeviceFallbackReason = model.DeviceFallbackReason, LoadMilliseconds = loadMs };
        clock.Restart();
        try
        {
            ModelWarmup.Run(model, settings.WarmupLevel, settings.WarmupSeconds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            model.Dispose();
            throw Failed(name, $"warm-up inference failed: {e.Message}", permanent: e is not OutOfMemoryException, e);
        }
        catch
        {
            model.Dispose();
            _statuses[name] = StatusOf(name) with { State = ModelState.Unloaded };
            throw;
        }
        var warmupMs = clock.Elapsed.TotalMilliseconds;
        metrics.ModelWarmup.Observe(warmupMs / 1000, name);
        metrics.ModelLoads.Add(name);
        // Resident before it reads as ready, so no reader sees a ready model that is not resident.
        _resident = model;
        _residentName = name;
        _statuses[name] = StatusOf(name) with
        {
            State = ModelState.Ready, WarmupMilliseconds = warmupMs, ReadySince = time.GetUtcNow(), EverReady = true,
            Failures = 0, NextLoadAt = null, FailurePermanent = false,
        };
        Log.ModelReady(logger, name, model.Device, loadMs, warmupMs);
        return model;
    }

    /// <summary>Marks the model failed and quarantines it: the delay doubles with each failure in a row.</summary>
    private ModelLoadException Failed(string name, string reason, bool permanent, Exception? inner = null)
    {
        metrics.ModelLoadFailures.Add(name);
        var settings = options.Value;
        var failures = StatusOf(name).Failures + 1;
        var delay = TimeSpan.FromTicks(Math.Min(settings.LoadRetryMaxDelay.Ticks,
            (long)Math.Min(long.MaxValue, settings.LoadRetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 30)))));
        var retryAt = time.GetUtcNow() + delay;
        _statuses[name] = StatusOf(name) with
        {
            State = ModelState.Failed, LastError = reason, Failures = failures, NextLoadAt = retryAt, FailurePermanent = permanent,
        };
        Log.ModelLoadFailed(logger, name, reason, retryAt);
        return new ModelLoadException(name, reason, permanent, inner);
    }

    private void UnloadLocked()
    {
        if (_resident is null) return;
        var name = _resident.Name;
        Log.ModelUnloading(logger, name);
        _resident.Dispose();
        NativeMemory.Trim();
        _resident = null;
        _residentStale = false;
        _residentName = null;
        _expiresAt = null;
        _statuses[name] = StatusOf(name) with { State = ModelState.Unloaded, ReadySince = null };
        metrics.ModelUnloads.Add(name);
    }
}
