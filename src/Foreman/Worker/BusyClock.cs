using Foreman.Diagnostics;

namespace Foreman.Worker;

/// <summary>
/// The worker's busy wall time by <see cref="WorkerPhase"/>: from a claim to the job's outcome every moment counts in
/// exactly one phase (a failing step's clean-up counts in that step's phase), and the time between jobs in none. One
/// worker, one job at a time: not thread-safe.
/// </summary>
internal sealed class BusyClock
{
    private readonly MetricSecondsCounter _counter;
    private readonly TimeProvider _time;
    private string? _phase;
    private long _since;

    public BusyClock(MetricSecondsCounter counter, TimeProvider time)
    {
        _counter = counter;
        _time = time;
        // Every phase is exposed from the start, so a rate over the first scrape is not missing a series.
        foreach (var phase in WorkerPhase.All) counter.Add(phase, TimeSpan.Zero);
    }

    /// <summary>Starts counting busy time in <paramref name="phase"/>.</summary>
    public void Start(string phase)
    {
        _phase = phase;
        _since = _time.GetTimestamp();
    }

    /// <summary>Ends the current phase (counted as <paramref name="endedAs"/> when the step turned out to be another) and starts <paramref name="next"/>.</summary>
    public void Switch(string next, string? endedAs = null)
    {
        End(endedAs);
        Start(next);
    }

    /// <summary>Ends the current phase: the worker is not busy any more.</summary>
    public void Stop() => End(null);

    /// <summary>Drops the time since the phase started: the look for a job found none, so the worker was idle.</summary>
    public void Discard() => _phase = null;

    private void End(string? endedAs)
    {
        if (_phase is null) return;
        _counter.Add(endedAs ?? _phase, _time.GetElapsedTime(_since));
        _phase = null;
    }
}
