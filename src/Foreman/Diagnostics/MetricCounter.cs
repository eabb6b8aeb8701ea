using System.Collections.Concurrent;

namespace Foreman.Diagnostics;

/// <summary>A monotonically increasing count, optionally split by one label.</summary>
public sealed class MetricCounter(string name, string help, string? label = null)
{
    private readonly ConcurrentDictionary<string, long> _values = new();

    public void Add(string labelValue = "", long amount = 1) => _values.AddOrUpdate(labelValue, amount, (_, v) => v + amount);

    public long Value(string labelValue = "") => _values.GetValueOrDefault(labelValue);

    public void WriteTo(PrometheusText text)
    {
        text.Header(name, "counter", help);
        if (label is null) text.Sample(name, Value());
        else foreach (var (value, count) in _values.OrderBy(v => v.Key, StringComparer.Ordinal)) text.Sample(name, count, (label, value));
    }
}
