using System.Collections.Concurrent;

namespace Foreman.Diagnostics;

/// <summary>
/// A monotonically increasing total of time, split by one label and written in seconds. Kept in
/// <see cref="TimeSpan"/> ticks, so many small additions lose nothing to floating-point rounding.
/// </summary>
public sealed class MetricSecondsCounter(string name, string help, string label)
{
    private readonly ConcurrentDictionary<string, long> _ticks = new();

    public void Add(string labelValue, TimeSpan elapsed) => _ticks.AddOrUpdate(labelValue, elapsed.Ticks, (_, t) => t + elapsed.Ticks);

    public TimeSpan Value(string labelValue) => TimeSpan.FromTicks(_ticks.GetValueOrDefault(labelValue));

    public void WriteTo(PrometheusText text)
    {
        text.Header(name, "counter", help);
        foreach (var (value, ticks) in _ticks.OrderBy(t => t.Key, StringComparer.Ordinal)) text.Sample(name, TimeSpan.FromTicks(ticks).TotalSeconds, (label, value));
    }
}
