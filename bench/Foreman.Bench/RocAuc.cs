namespace Foreman.Bench;

/// <summary>
/// Area under the ROC curve of a score that should rank positives above negatives: the chance that a random
/// positive scores higher than a random negative (ties count half). 0.5 is no better than chance.
/// </summary>
public static class RocAuc
{
    public static double Of(IReadOnlyCollection<double> positives, IReadOnlyCollection<double> negatives)
    {
        if (positives.Count == 0 || negatives.Count == 0) return double.NaN;
        var wins = 0.0;
        foreach (var p in positives)
        foreach (var n in negatives)
            wins += p > n ? 1 : p == n ? 0.5 : 0;
        return wins / ((double)positives.Count * negatives.Count);
    }
}
