using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Foreman.Models;

/// <summary>
/// Owns the one model resident on the accelerator. Only the worker calls it, one job at a time, so it needs no
/// reference counting: loading another model unloads the resident one first, and an idle model is unloaded once its
/// keep-alive runs out (zero: right after the job; negative: never).
/// </summary>
public sealed class ModelResidency(IModelLoader loader, TimeProvider time, ILogger<ModelResidency> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private ILoadedModel? _resident;
    private DateTimeOffset? _expiresAt;

    public string? ResidentModel { get { lock (_gate) return _resident?.Name; } }

    public long Loads { get; private set; }

    public long Unloads { get; private set; }

    /// <summary>The model, loading it (and unloading the resident one) when it is not resident.</summary>
    public ILoadedModel Acquire(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _expiresAt = null;
            if (_resident?.Name == name) return _resident;
            UnloadLocked();
            Log.ModelLoading(logger, name);
            _resident = loader.Load(name, cancellationToken);
            Loads++;
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

    public void Unload()
    {
        lock (_gate) UnloadLocked();
    }

    public void Dispose() => Unload();

    private void UnloadLocked()
    {
        if (_resident is null) return;
        Log.ModelUnloading(logger, _resident.Name);
        _resident.Dispose();
        _resident = null;
        _expiresAt = null;
        Unloads++;
    }
}
