namespace Foreman.Bench;

/// <summary>One queue's figures: jobs/s of the throughput run and enqueue→start latency percentiles of the latency run.</summary>
internal sealed record QueueFigures(int Jobs, double JobsPerSecond, int LatencyJobs, double P50, double P99, double Max)
{
    public static QueueFigures Of(int jobs, double jobsPerSecond, List<double> latencies)
    {
        latencies.Sort();
        return new QueueFigures(jobs, jobsPerSecond, latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies[^1]);
    }

    public static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
