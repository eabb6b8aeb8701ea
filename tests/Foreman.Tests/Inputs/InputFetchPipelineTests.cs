using Foreman.Inputs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Inputs;

public class InputFetchPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public async Task Execute_TransientFailure_TriedOncePlusRetries(int retries, int expectedTries)
    {
        var pipeline = InputFetchPipeline.Create(Options.Create(new InputOptions { FetchRetries = retries, FetchRetryDelay = TimeSpan.Zero }), new FakeTimeProvider());
        var tries = 0;
        await Assert.ThrowsAsync<TransientInputException>(async () =>
            await pipeline.ExecuteAsync(_ => { tries++; throw new TransientInputException("503 Slow Down"); }, Ct));
        Assert.Equal(expectedTries, tries);
    }

    [Fact]
    public async Task Execute_PermanentFailure_NotRetried()
    {
        var pipeline = InputFetchPipeline.Create(Options.Create(new InputOptions { FetchRetryDelay = TimeSpan.Zero }), new FakeTimeProvider());
        var tries = 0;
        await Assert.ThrowsAsync<UnusableAudioException>(async () =>
            await pipeline.ExecuteAsync(_ => { tries++; throw new UnusableAudioException("s3://b/k does not exist (404)"); }, Ct));
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task Execute_RetryDelay_WaitsOnTheClock()
    {
        var time = new FakeTimeProvider();
        var pipeline = InputFetchPipeline.Create(Options.Create(new InputOptions { FetchRetries = 1, FetchRetryDelay = TimeSpan.FromSeconds(1) }), time);
        var tries = 0;
        var run = pipeline.ExecuteAsync(_ => ++tries == 1 ? throw new TransientInputException("throttled") : ValueTask.CompletedTask, Ct).AsTask();
        Assert.Equal(1, tries);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2)); // beyond the first delay with jitter
        await run;
        Assert.Equal(2, tries);
    }
}
