namespace Foreman.Alignment.Ctc;

/// <summary>log(1 + e^−d) for d from 0 to 40 nats in steps of 1/64: beyond 40 it is below what a double adds to a log weight.</summary>
internal static class LogAddTable
{
    public const int StepsPerNat = 64;
    public const int Steps = 40 * StepsPerNat;

    /// <summary>Entry k is log(1 + e^(−k / <see cref="StepsPerNat"/>)), k from 0 to <see cref="Steps"/> (the last for interpolation).</summary>
    public static readonly double[] Values = Enumerable.Range(0, Steps + 1).Select(k => Math.Log(1 + Math.Exp(-(double)k / StepsPerNat))).ToArray();
}
