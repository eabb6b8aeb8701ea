namespace Foreman.Alignment;

/// <summary>
/// Maps a stage's own 0..1 progress onto its share of the whole job. Reports synchronously, unlike
/// <see cref="Progress{T}"/>, so they arrive in order.
/// </summary>
internal sealed class ProgressSpan(IProgress<double> whole, double from, double to) : IProgress<double>
{
    public static IProgress<double>? Of(IProgress<double>? whole, double from, double to) =>
        whole is null ? null : new ProgressSpan(whole, from, to);

    public void Report(double value) => whole.Report(from + (to - from) * Math.Clamp(value, 0, 1));

    /// <summary>Between frames of a long pass: stops it if cancelled, else reports how far it is.</summary>
    public static void Checkpoint(IProgress<double>? progress, double done, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(done);
    }
}
