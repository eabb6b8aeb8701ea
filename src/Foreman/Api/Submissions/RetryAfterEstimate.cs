using Foreman.Queue;

namespace Foreman.Api;

/// <summary>
/// How long a client turned away by a full queue should wait: the queued jobs divided by the measured drain rate, clamped
/// to <see cref="Min"/> … <see cref="Max"/>. The rate is the last <see cref="Sample"/> finishes (from the job history,
/// every node's) over the time from the oldest of them until now: a busy worker's true rate, which falls by itself when
/// the worker stops finishing jobs. With no finish in the last <see cref="Window"/> nothing is known, and the answer is
/// <see cref="Unknown"/>: soon enough to find out, not so soon that clients hammer. The rate is cached briefly, so a
/// burst of rejected submits costs one query.
/// </summary>
internal sealed class RetryAfterEstimate(IJobStore store, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    public const int Sample = 100;
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Unknown = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RateCacheFor = TimeSpan.FromSeconds(2);

    private Rate? _rate; // replaced whole, so concurrent readers never see half an update

    public TimeSpan For(long queued)
    {
        var perSecond = FinishedPerSecond();
        if (perSecond <= 0) return Unknown;
        var seconds = Math.Ceiling(queued / perSecond);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, Min.TotalSeconds, Max.TotalSeconds));
    }

    private double FinishedPerSecond()
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _rate) is { } cached && now - cached.At < RateCacheFor) return cached.PerSecond;
        var finishes = store.RecentFinishTimes(now - Window, Sample);
        // From the oldest sampled finish until now; at least a second, so a few jobs finished a moment ago do not read as thousands per second.
        var span = finishes.Count == 0 ? 0 : Math.Max(1, (now.ToUnixTimeMilliseconds() - finishes[^1]) / 1000.0);
        var perSecond = finishes.Count == 0 ? 0 : finishes.Count / span;
        Volatile.Write(ref _rate, new Rate(now, perSecond));
        return perSecond;
    }

    private sealed record Rate(DateTimeOffset At, double PerSecond);
}
