namespace Foreman.Alignment.Ctc;

/// <summary>
/// Extra cost per frame for staying in a <see cref="GraphState.LongStayCharged"/> state longer than a free run:
/// a soft duration limit on breaks between lines.
/// </summary>
/// <remarks>
/// The run length is that of the best path into each state, so with a charge the Viterbi is a (standard)
/// approximation of the duration-constrained optimum.
/// </remarks>
public readonly record struct LongStayCharge(int FreeFrames, float PenaltyPerFrame)
{
    public static LongStayCharge None => new(int.MaxValue, 0);
}
