using System.Collections.Concurrent;

namespace Foreman.Diagnostics;

/// <summary>A distribution of observed values in cumulative buckets, optionally split by one label.</summary>
public sealed class MetricHistogram(string name, string help, double[] buckets, string? label = null)
{
    private readonly ConcurrentDictionary<string, Series> _series = new();

    public void Observe(double value, string labelValue = "") => _series.GetOrAdd(labelValue, _ => new Series(buckets.Length)).Observe(buckets, value);

    public long Count(string labelValue = "") => _series.TryGetValue(labelValue, out var s) ? s.Count : 0;

    public void WriteTo(PrometheusText text)
    {
        text.Header(name, "histogram", help);
        foreach (var (value, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var labels = label is null ? [] : new[] { (label, value) };
            lock (series)
            {
                long cumulative = 0;
                for (var i = 0; i < buckets.Length; i++)
                {
                    cumulative += series.Buckets[i];
                    text.Sample(name + "_bucket", cumulative, [.. labels, ("le", PrometheusText.Format(buckets[i]))]);
                }
                text.Sample(name + "_bucket", series.Count, [.. labels, ("le", "+Inf")]);
                text.Sample(name + "_sum", series.Sum, labels);
                text.Sample(name + "_count", series.Count, labels);
            }
        }
    }

    private sealed class Series(int bucketCount)
    {
        public readonly long[] Buckets = new long[bucketCount];
        public long Count;
        public double Sum;

        public void Observe(double[] bounds, double value)
        {
            lock (this)
            {
                var i = Array.FindIndex(bounds, b => value <= b);
                if (i >= 0) Buckets[i]++;
                Count++;
                Sum += value;
            }
        }
    }
}
