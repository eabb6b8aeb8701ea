using Foreman.Diagnostics;
using Foreman.Inputs.Audio;
using Foreman.Inputs.Http;
using Foreman.Inputs.S3;
using Microsoft.Extensions.Options;
using Polly;

namespace Foreman.Inputs;

/// <summary>
/// The inputs of a job: fetches an <c>audio_url</c> (s3:// or http(s)://) through the retry pipeline and checks it with
/// <see cref="AudioProbe"/> (for the input stage, ahead of the worker), and decodes a job's stored audio (for
/// the worker). Over-long audio fails for good; a fetch that keeps failing transiently ends in
/// <see cref="TransientInputException"/>.
/// </summary>
public sealed class AudioInputs : IAudioInputs
{
    private readonly IS3Objects _s3;
    private readonly HttpAudioFetcher _http;
    private readonly AudioProbe _probe;
    private readonly ResiliencePipeline _pipeline;
    private readonly InputOptions _options;

    public AudioInputs(IS3Objects s3, HttpAudioFetcher http, AudioProbe probe, [FromKeyedServices(InputFetchPipeline.Key)] ResiliencePipeline pipeline,
        IOptions<InputOptions> options)
    {
        _s3 = s3;
        _http = http;
        _probe = probe;
        _pipeline = pipeline;
        _options = options.Value;
    }

    /// <summary>Decodes the job's stored audio: an upload, or what the input stage fetched.</summary>
    /// <exception cref="InvalidOperationException">The audio is not stored yet: the worker claims only jobs whose audio is.</exception>
    public async Task<float[]> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken)
    {
        if (source.Path is null)
            throw new InvalidOperationException($"{source.Url} is not fetched yet: the input stage stores a job's audio before the worker claims it");
        if (!File.Exists(source.Path))
            throw new UnusableAudioException("the job's uploaded audio is missing from the data directory");
        return await DecodeAsync(source.Path, sampleRate, cancellationToken);
    }

    /// <summary>
    /// Fetches <paramref name="url"/> to <paramref name="path"/> through the retry pipeline and checks it with
    /// <see cref="AudioProbe"/>: what the input stage stores for a job ahead of the worker.
    /// </summary>
    public async Task FetchCheckedAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        await FetchAsync(url, path, cancellationToken);
        if (await _probe.CheckAsync(path, cancellationToken) is { } rejection)
            throw new UnusableAudioException($"{url}: {rejection.Detail}");
    }

    private async Task FetchAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task> fetch = url.Scheme switch
        {
            "s3" => token => _s3.DownloadAsync(S3Location.Parse(url), path, _options.MaxDownloadBytes, token),
            "https" or "http" => token => _http.DownloadAsync(url, path, _options.MaxDownloadBytes, token),
            _ => throw new UnusableAudioException($"audio_url scheme '{url.Scheme}' is not supported; use https:// or s3://"),
        };
        try
        {
            await _pipeline.ExecuteAsync(async token => await fetch(token), cancellationToken);
        }
        catch (Exception e) when (InputFetchPipeline.IsTransient(e))
        {
            var why = e is TransientInputException ? e.Message : $"{url} timed out after {HumanDuration.Describe(_options.FetchTimeout)}";
            throw new TransientInputException($"{why} (tried {_options.FetchRetries + 1} times)", e);
        }
    }

    private async Task<float[]> DecodeAsync(string path, int sampleRate, CancellationToken cancellationToken)
    {
        var decoded = await new AudioDecoder(sampleRate, maxDuration: _options.MaxDuration).DecodeAsync(path, cancellationToken);
        // Uploads were probed at submit, but some files carry no duration: the decoded length is the last word.
        if (_probe.CheckDuration(TimeSpan.FromSeconds((double)decoded.Samples.Length / sampleRate)) is { } rejection)
            throw new UnusableAudioException(rejection.Detail);
        return decoded.Samples;
    }
}
