using Foreman.Alignment;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Worker;

namespace Foreman.Tests.Worker;

public sealed class FailureDecisionTests
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(4);

    [Fact]
    public void For_InputThatCanNeverAlign_FailsAtOnceOnTheFirstAttempt()
    {
        var decision = FailureDecision.For(new AlignmentInputException("no sung line"), 1, 5, Backoff, null);

        Assert.Equal(("input", "no sung line"), (decision.FailReason, decision.Error));
    }

    [Fact]
    public void For_UnusableAudio_FailsAtOnce() =>
        Assert.Equal("input", FailureDecision.For(new UnusableAudioException("404"), 1, 5, Backoff, null).FailReason);

    [Fact]
    public void For_BrokenModelFiles_FailAtOnce() =>
        Assert.Equal("model", FailureDecision.For(new ModelLoadException("a", "not protobuf", permanent: true), 1, 5, Backoff, null).FailReason);

    [Fact]
    public void For_TransientErrorBeforeTheLastAttempt_RetriesAfterTheBackoff()
    {
        var decision = FailureDecision.For(new IOException("disk hiccup"), 2, 5, Backoff, null);

        Assert.False(decision.Fails);
        Assert.Equal(Backoff, decision.RetryDelay);
        Assert.Equal("IOException: disk hiccup", decision.Error);
    }

    [Fact]
    public void For_TransientErrorOnTheLastAttempt_IsExhausted() =>
        Assert.Equal("exhausted", FailureDecision.For(new IOException("again"), 5, 5, Backoff, null).FailReason);

    [Theory]
    [InlineData(60, 60)] // quarantined longer than the backoff: wait for the quarantine
    [InlineData(1, 4)]   // quarantine ends first: the backoff decides
    public void For_ModelLoadFailure_WaitsOutItsQuarantine(int quarantineSeconds, int expectedSeconds)
    {
        var decision = FailureDecision.For(new ModelLoadException("a", "timed out", permanent: false), 1, 5, Backoff, TimeSpan.FromSeconds(quarantineSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), decision.RetryDelay);
    }

    [Fact]
    public void For_QuarantineOfAnotherFailure_IsIgnored() =>
        Assert.Equal(Backoff, FailureDecision.For(new IOException("x"), 1, 5, Backoff, TimeSpan.FromMinutes(5)).RetryDelay);

    [Fact]
    public void Describe_AggregateException_NamesItsInnerError() =>
        Assert.Equal("TimeoutException: slow", FailureDecision.Describe(new AggregateException(new TimeoutException("slow"))));
}
