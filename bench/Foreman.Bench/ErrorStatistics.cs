namespace Foreman.Bench;

/// <summary>Summary of absolute timing errors, seconds.</summary>
public sealed record ErrorStatistics(int Count, double Mean, double Median, double P90, double Within100Ms, double Within300Ms)
{
    public static ErrorStatistics Of(IReadOnlyCollection<double> absoluteErrors)
    {
        if (absoluteErrors.Count == 0) return new ErrorStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var sorted = absoluteErrors.Order().ToArray();
        return new ErrorStatistics(
            sorted.Length,
            sorted.Average(),
            Percentile(sorted, 0.5),
            Percentile(sorted, 0.9),
            sorted.Count(e => e <= 0.1) / (double)sorted.Length,
            sorted.Count(e => e <= 0.3) / (double)sorted.Length);
    }

    // Linear interpolation between closest ranks.
    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
