namespace Foreman.Bench;

/// <summary>The lines the dashboard marks "check": confidence below 0.5 (job.js lowConfidence).</summary>
public static class MarkedForChecking
{
    public const double Below = 0.5;

    /// <summary>The share of <paramref name="confidences"/> the dashboard marks; NaN for none.</summary>
    public static double Share(IReadOnlyCollection<double> confidences) =>
        confidences.Count == 0 ? double.NaN : confidences.Count(c => c < Below) / (double)confidences.Count;
}
