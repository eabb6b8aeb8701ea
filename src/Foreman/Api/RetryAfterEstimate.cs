using Foreman.Queue;

namespace Foreman.Api;

/// <summary>
/// How long a client turned away by a full queue should wait: the queued jobs divided by the jobs finished per second
/// over the last <see cref="Window"/> (from the job history), clamped to 1 s … 1 h. The rate is cached briefly, so a
/// burst of rejected submits costs one query.
/// </summary>
public sealed class RetryAfterEstimate(IJobStore store, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);
    private static readonly TimeSpan RateCacheFor = TimeSpan.FromSeconds(5);

    private Rate? _rate; // replaced whole, so concurrent readers never see half an update

    public TimeSpan For(long queued)
    {
        var perSecond = FinishedPerSecond();
        if (perSecond <= 0) return Max; // nothing finished lately: the worker is stuck or swamped, so back off the most
        var seconds = Math.Ceiling(queued / perSecond);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, Min.TotalSeconds, Max.TotalSeconds));
    }

    private double FinishedPerSecond()
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _rate) is { } cached && now - cached.At < RateCacheFor) return cached.PerSecond;
        var perSecond = store.CountFinishedSince(now - Window) / Window.TotalSeconds;
        Volatile.Write(ref _rate, new Rate(now, perSecond));
        return perSecond;
    }

    private sealed record Rate(DateTimeOffset At, double PerSecond);
}
