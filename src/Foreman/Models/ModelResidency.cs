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
/// State reads never wait for a load in progress.
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
    /// <exception cref="ModelLoadException">The load failed or timed out; the model is marked failed with the reason.</exception>
    public ILoadedModel Acquire(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _expiresAt = null;
            if (_resident?.Name == name && !_residentStale) return _resident;
            var swapped = _resident is not null && _resident.Name != name;
            UnloadLocked();
            _resident = LoadLocked(name, cancellationToken);
            _residentName = name;
            if (swapped) metrics.ModelSwaps.Add(name);
            return _resident;
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
        lock (_gate) _residentStale |= _resident?.Name == name;
    }

    public void Unload()
    {
        lock (_gate) UnloadLocked();
    }

    public void Dispose() => Unload();

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
                throw Failed(name, $"the load did not finish within {settings.LoadTimeout}");
            }
            model = loading.Result;
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw Failed(name, e.InnerException.Message, e.InnerException);
        }
        var loadMs = clock.Elapsed.TotalMilliseconds;
        metrics.ModelLoad.Observe(loadMs / 1000, name);

        _statuses[name] = StatusOf(name) with { State = ModelState.WarmingUp, Device = model.Device, DeviceFallbackReason = model.DeviceFallbackReason, LoadMilliseconds = loadMs };
        clock.Restart();
        try
        {
            ModelWarmup.Run(model, settings.WarmupLevel, settings.WarmupSeconds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            model.Dispose();
            throw Failed(name, $"warm-up inference failed: {e.Message}", e);
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
        _statuses[name] = StatusOf(name) with { State = ModelState.Ready, WarmupMilliseconds = warmupMs, ReadySince = time.GetUtcNow(), EverReady = true };
        Log.ModelReady(logger, name, model.Device, loadMs, warmupMs);
        if (model.DeviceFallbackReason is { } reason) Log.ModelDeviceFallback(logger, name, reason);
        return model;
    }

    private ModelLoadException Failed(string name, string reason, Exception? inner = null)
    {
        metrics.ModelLoadFailures.Add(name);
        _statuses[name] = StatusOf(name) with { State = ModelState.Failed, LastError = reason };
        Log.ModelLoadFailed(logger, name, reason);
        return new ModelLoadException(name, reason, inner);
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
