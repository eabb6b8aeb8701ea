using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Foreman.Inputs;

/// <summary>
/// The Polly pipeline around every download of an <c>audio_url</c>: a timeout per try inside exponential retries of
/// transient failures only. Permanent failures (<see cref="UnusableAudioException"/>) pass straight through.
/// </summary>
public static class InputFetchPipeline
{
    /// <summary>The DI key of the pipeline.</summary>
    public const string Key = "foreman-input-fetch";

    public static ResiliencePipeline Create(IOptions<InputOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder { Name = Key, TimeProvider = time };
        if (settings.FetchRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.FetchRetries,
                Delay = settings.FetchRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
            });
        }
        return builder.AddTimeout(settings.FetchTimeout).Build();
    }

    public static bool IsTransient(Exception? exception) => exception is TransientInputException or TimeoutRejectedException;
}
