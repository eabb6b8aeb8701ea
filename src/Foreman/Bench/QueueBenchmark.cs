using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Alignment;
using Foreman.Diagnostics;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Bench;

/// <summary>
/// The durable queue core with no-op work: the real SQLite store and the real worker loop (claim, heartbeat,
/// complete, events), with a model that returns at once. Measures jobs/s with a producer beside the worker, and
/// enqueue→start latency when jobs arrive one at a time at an idle worker.
/// </summary>
public static class QueueBenchmark
{
    public static async Task<int> RunAsync(int jobs, int latencyJobs, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("foreman-bench-");
        try
        {
            var database = new SqliteDatabase(Path.Combine(directory.FullName, "foreman.db"));
            new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).Apply();
            var bench = new Harness(database);

            var throughput = await bench.ThroughputAsync(jobs, cancellationToken);
            await output.WriteLineAsync($"throughput: {jobs:N0} jobs enqueued by one producer while the worker drains: {throughput:N0} jobs/s (enqueue + claim + complete)");

            var latencies = await bench.LatencyAsync(latencyJobs, cancellationToken);
            latencies.Sort();
            await output.WriteLineAsync($"latency: {latencyJobs:N0} jobs submitted one at a time to an idle worker: enqueue->start p50 {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

    /// <summary>A store and a worker wired as in the service, with no-op inputs and model.</summary>
    private sealed class Harness
    {
        private readonly JobStore _store;
        private readonly JobIds _ids = new(TimeProvider.System);
        private readonly QueueSignal _signal = new();
        private readonly AlignmentWorker _worker;
        private readonly NoOpModelLoader _loader = new();

        public Harness(SqliteDatabase database)
        {
            _store = new JobStore(database, TimeProvider.System);
            var metrics = new ForemanMetrics();
            var residency = new ModelResidency(_loader, metrics, Options.Create(new ModelOptions { WarmupLevel = 1 }), TimeProvider.System, NullLogger<ModelResidency>.Instance);
            _worker = new AlignmentWorker(_store, residency, new NoOpAudioInputs(), new JobCompletions(), _signal, new WorkerIdentity(),
                new WorkerStatus(TimeProvider.System), metrics, Options.Create(new QueueOptions()), Options.Create(new WorkerOptions()),
                TimeProvider.System, NullLogger<AlignmentWorker>.Instance);
        }

        public async Task<double> ThroughputAsync(int jobs, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var producer = Task.Run(() =>
            {
                for (var i = 0; i < jobs; i++)
                {
                    Enqueue($"job {i}");
                    _signal.Notify();
                }
            }, cancellationToken);
            var done = 0;
            while (done < jobs)
            {
                if (await _worker.RunOnceAsync(cancellationToken)) done++;
                else await _signal.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            await producer;
            return jobs / clock.Elapsed.TotalSeconds;
        }

        public async Task<List<double>> LatencyAsync(int jobs, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var worker = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                    if (!await _worker.RunOnceAsync(stop.Token)) await _signal.WaitAsync(TimeSpan.FromSeconds(1), stop.Token);
            }, stop.Token);
            var latencies = new List<double>(jobs);
            for (var i = 0; i < jobs; i++)
            {
                var key = $"latency {i}";
                var started = _loader.WhenStarted(key);
                var submitted = Stopwatch.GetTimestamp();
                Enqueue(key);
                _signal.Notify();
                var at = await started.WaitAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(submitted, at).TotalMilliseconds);
                await Task.Delay(1, cancellationToken); // let the worker go idle again
            }
            await stop.CancelAsync();
            try { await worker; } catch (OperationCanceledException) { }
            return latencies;
        }

        private void Enqueue(string lyrics) =>
            _store.Create(new NewJob(_ids.Next(), "bench", "json", "/dev/null", null, lyrics, null, TimeSpan.FromMinutes(5), 5, null));
    }

    private sealed class NoOpAudioInputs : IAudioInputs
    {
        public Task<float[]> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken) => Task.FromResult(Array.Empty<float>());
    }

    /// <summary>A model that does nothing but note when each job reached it (keyed by its lyrics).</summary>
    private sealed class NoOpModelLoader : IModelLoader
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _started = new();

        public Task<long> WhenStarted(string key) => _started.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public ILoadedModel Load(string name, CancellationToken cancellationToken) => new NoOpModel(this, name);

        private sealed class NoOpModel(NoOpModelLoader owner, string name) : ILoadedModel
        {
            private static readonly AlignmentResult Empty = new("bench", 0, []);
            public string Name => name;
            public string Device => "cpu";
            public int SampleRate => 16000;
            public string? DeviceFallbackReason => null;

            public AlignmentResult Align(float[] samples, string lyrics, IProgress<double>? progress, CancellationToken cancellationToken)
            {
                if (owner._started.TryGetValue(lyrics, out var started)) started.TrySetResult(Stopwatch.GetTimestamp());
                return Empty;
            }

            public void Dispose() { }
        }
    }
}
