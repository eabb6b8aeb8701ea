using Foreman.Diagnostics;
using Foreman.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs;

/// <summary>
/// Decodes the audio of the next queued jobs whose audio is on disk (by creation order) while the worker runs the
/// current one, so the accelerator does not wait on ffmpeg when other jobs are queued (the input stage fetched
/// the audio_urls before). Memory is bounded: at most
/// <see cref="InputOptions.Prefetch"/> queued jobs plus the one loading its model hold decoded audio here; anything
/// that leaves that window is cancelled or dropped. Prefetch decodes at the sample rate of the worker's last request;
/// a job whose model wants another rate is loaded afresh.
/// </summary>
internal sealed class PrefetchingAudioInputs : IAudioInputs, IAsyncDisposable
{
    private readonly AudioInputs _inner;
    private readonly IJobStore _store;
    private readonly InputOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PrefetchingAudioInputs> _logger;
    private readonly Dictionary<AudioSource, Prefetch> _entries = [];
    private readonly Lock _lock = new();
    private readonly QueueSignal _wake = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _poll;
    private Task? _loop;
    private int _sampleRate;

    public PrefetchingAudioInputs(AudioInputs inner, IJobStore store, IOptions<InputOptions> options, TimeProvider time, ILogger<PrefetchingAudioInputs> logger)
    {
        _inner = inner;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<DecodedAudio> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken)
    {
        Prefetch? entry;
        lock (_lock)
        {
            _entries.Remove(source, out entry);
            _sampleRate = sampleRate;
            _loop ??= StartLoop();
        }
        _wake.Notify(); // the queue moved on by one job: look ahead again

        if (entry is not null)
        {
            using (entry)
            {
                if (entry.SampleRate == sampleRate)
                {
                    try
                    {
                        var samples = await entry.Samples.WaitAsync(cancellationToken);
                        Log.PrefetchUsed(_logger, Describe(source));
                        return new DecodedAudio(samples, DecodedAhead: true);
                    }
                    catch (Exception e) when (e is not UnusableAudioException && !cancellationToken.IsCancellationRequested)
                    {
                        // A transient failure ahead of time says little about now: fetch afresh within this attempt.
                    }
                }
            }
        }
        return await _inner.LoadAsync(source, sampleRate, cancellationToken);
    }

    /// <summary>Whether <paramref name="source"/>'s audio is decoded and waiting for its job: what tests wait for.</summary>
    internal bool HasDecoded(AudioSource source)
    {
        lock (_lock) return _entries.TryGetValue(source, out var entry) && entry.Samples.IsCompletedSuccessfully;
    }

    private Task StartLoop()
    {
        _poll = _time.CreateTimer(_ => _wake.Notify(), null, _options.PrefetchPollInterval, _options.PrefetchPollInterval);
        return Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(Timeout.InfiniteTimeSpan, _stopping.Token);
                Refresh();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.PrefetchError(_logger, e); // a database hiccup costs only the head start, never a job
            }
        }
    }

    /// <summary>
    /// Keeps exactly the window's sources: the job loading its model and the next queued ones, and what was decoded
    /// for a job already working whose audio the worker has not read yet (one claimed in the same transaction as the
    /// previous job's completion): dropping it would make the worker decode it again.
    /// </summary>
    internal void Refresh()
    {
        int sampleRate;
        lock (_lock) sampleRate = _sampleRate;
        // Only jobs whose audio is on disk: an audio_url not yet stored is the input stage's (InputStage), and the
        // worker will not claim it before.
        var window = _store.List(JobState.Loading, null, null, 1)
            .Concat(_store.List(JobState.Queued, null, null, _options.Prefetch + LookPast).Where(job => job.AudioUrl is null || job.AudioPath is not null).Take(_options.Prefetch))
            .Select(job => new AudioSource(job.AudioPath, job.AudioUrl))
            .Distinct()
            .ToList();
        var started = _store.List(JobState.Working, null, null, _options.Prefetch + LookPast)
            .Select(job => new AudioSource(job.AudioPath, job.AudioUrl))
            .ToHashSet();
        lock (_lock)
        {
            foreach (var (source, stale) in _entries.Where(e => !(window.Contains(e.Key) || started.Contains(e.Key)) || e.Value.SampleRate != sampleRate).ToList())
            {
                _entries.Remove(source);
                stale.Dispose();
            }
            foreach (var source in window.Where(s => !_entries.ContainsKey(s)))
            {
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                _entries[source] = new Prefetch(sampleRate, cancel, FetchAsync(source, sampleRate, cancel.Token));
            }
        }
    }

    private async Task<float[]> FetchAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken)
    {
        await Task.Yield(); // never run the download under the lock that started it
        Log.PrefetchStarted(_logger, Describe(source));
        try
        {
            return (await _inner.LoadAsync(source, sampleRate, cancellationToken)).Samples;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PrefetchFailed(_logger, Describe(source), e.Message);
            throw;
        }
    }

    /// <summary>Queued jobs read past the window, so a few still awaiting their audio_url do not empty it.</summary>
    private const int LookPast = 8;

    private static string Describe(AudioSource source) => source.Url ?? Path.GetFileName(source.Path) ?? "?";

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_poll is not null) await _poll.DisposeAsync();
        if (_loop is not null) await _loop;
        lock (_lock)
        {
            foreach (var entry in _entries.Values) entry.Dispose();
            _entries.Clear();
        }
        _stopping.Dispose();
    }

    /// <summary>One prefetched input: its decoded samples (or the failure), and how to abandon it.</summary>
    private sealed record Prefetch(int SampleRate, CancellationTokenSource Cancel, Task<float[]> Samples) : IDisposable
    {
        public void Dispose()
        {
            Cancel.Cancel();
            Cancel.Dispose();
            // Nobody awaits an abandoned prefetch: observe its failure so it is not reported as unobserved.
            Samples.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }
}
