using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Alignment;
using Foreman.Diagnostics;
using Foreman.Emissions;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Foreman.Bench;

/// <summary>
/// The durable queue core with no-op work: the real store and the real worker loop (claim, heartbeat, complete,
/// events), with a model that returns at once, on a temp SQLite file or a temp PostgreSQL database. Measures jobs/s with
/// a producer beside the workers, and enqueue→start latency when jobs arrive one at a time at idle workers.
/// On PostgreSQL, <see cref="QueueBenchmarkOptions.Nodes"/> workers run in this process as separate nodes (each with
/// its own connection pool, store, LISTEN connection, identity and resident model), and the producer is one more
/// node without a worker, so every wake-up travels through NOTIFY as it does between machines.
/// </summary>
public static class QueueBenchmark
{
    public static async Task<int> RunAsync(QueueBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Compare is not null) return await QueueComparison.RunAsync(options, output, cancellationToken);
        await using var queue = options.Database == "postgres"
            ? BenchQueue.Postgres(options.Connection ?? throw new ArgumentException("--connection is required with --database postgres"))
            : BenchQueue.Sqlite();
        if (!queue.SharedByNodes && options.Nodes != 1) throw new ArgumentException("SQLite serves one node: use --nodes 1");
        await output.WriteLineAsync($"{queue.Description}, {options.Nodes} node(s), jobs over {options.Models} model(s)");
        var figures = await MeasureAsync(queue, options, cancellationToken);
        await output.WriteLineAsync($"throughput: {options.Jobs:N0} jobs enqueued by one producer while the workers drain: {figures.JobsPerSecond:N0} jobs/s (enqueue + claim + complete)");
        await output.WriteLineAsync($"latency: {options.LatencyJobs:N0} jobs submitted one at a time to idle workers: enqueue->start p50 {figures.P50:F2} ms, p99 {figures.P99:F2} ms, max {figures.Max:F2} ms");
        return 0;
    }

    /// <summary>Foreman's figures on <paramref name="queue"/>: a warm-up, the throughput run, then the latency run.</summary>
    internal static async Task<QueueFigures> MeasureAsync(BenchQueue queue, QueueBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var bench = new Harness(queue, options);
        try
        {
            await bench.StartAsync(cancellationToken);
            // Warm-up, not measured: JIT tiering, the database and WAL files growing to their working size.
            await bench.ThroughputAsync(Math.Min(options.Jobs, 5_000), cancellationToken);
            var throughput = await bench.ThroughputAsync(options.Jobs, cancellationToken);
            var latencies = await bench.LatencyAsync(options.LatencyJobs, cancellationToken);
            return QueueFigures.Of(options.Jobs, throughput, latencies);
        }
        finally
        {
            await bench.StopAsync();
        }
    }

    /// <summary>
    /// A fresh, migrated queue database for one run, removed afterwards: its stores (one per node, plus the producer's),
    /// and how a node hears of jobs queued elsewhere.
    /// </summary>
    internal sealed class BenchQueue : IAsyncDisposable
    {
        private readonly List<IDisposable> _owned = [];
        private readonly Func<BenchQueue, IJobStore> _newStore;
        private readonly Func<BenchQueue, QueueSignal, IHostedService?> _newListener;
        private readonly Action _drop;

        private BenchQueue(string description, bool sharedByNodes, Func<BenchQueue, IJobStore> newStore,
            Func<BenchQueue, QueueSignal, IHostedService?> newListener, Action drop)
        {
            Description = description;
            SharedByNodes = sharedByNodes;
            _newStore = newStore;
            _newListener = newListener;
            _drop = drop;
        }

        public string Description { get; }

        public bool SharedByNodes { get; }

        public IJobStore NewStore() => _newStore(this);

        /// <summary>The node's listener for other nodes' submits, or null where there are no other nodes.</summary>
        public IHostedService? NewListener(QueueSignal signal) => _newListener(this, signal);

        public static BenchQueue Sqlite()
        {
            var directory = Directory.CreateTempSubdirectory("foreman-bench-");
            var database = new SqliteDatabase(Path.Combine(directory.FullName, "foreman.db"));
            new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).Apply();
            var store = new SqliteJobStore(database, TimeProvider.System);
            return new BenchQueue("SQLite (temp file)", sharedByNodes: false, _ => store, (_, _) => null, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            });
        }

        /// <summary>A new database <c>foreman_bench_*</c> beside the one <paramref name="connection"/> names (which needs CREATEDB), dropped afterwards.</summary>
        public static BenchQueue Postgres(string connection)
        {
            var name = "foreman_bench_" + Ulid.NewUlid().ToString().ToLowerInvariant();
            AdminExecute(connection, $"CREATE DATABASE {name}");
            var benchConnection = new NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString;
            PostgresDatabase Connect(BenchQueue self)
            {
                var database = new PostgresDatabase(benchConnection);
                self._owned.Add(database);
                return database;
            }
            var queue = new BenchQueue($"PostgreSQL (temp database {name})", sharedByNodes: true,
                self => new PostgresJobStore(Connect(self), TimeProvider.System),
                (self, signal) => new PostgresQueueListener(Connect(self), signal, Options.Create(new QueueOptions()),
                    TimeProvider.System, NullLogger<PostgresQueueListener>.Instance),
                () => AdminExecute(connection, $"DROP DATABASE {name} WITH (FORCE)"));
            using (var database = new PostgresDatabase(benchConnection))
                new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).Apply();
            return queue;
        }

        /// <summary>One statement on the server <paramref name="connection"/> names (outside any transaction, as CREATE/DROP DATABASE need).</summary>
        internal static void AdminExecute(string connection, string sql)
        {
            using var admin = new NpgsqlConnection(connection);
            admin.Open();
            using var command = new NpgsqlCommand(sql, admin);
            command.ExecuteNonQuery();
        }

        public ValueTask DisposeAsync()
        {
            _owned.ForEach(d => d.Dispose());
            _drop();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One node: a worker wired as in the service with no-op inputs and model, and its wake-ups.</summary>
    private sealed record Node(QueueSignal Signal, AlignmentWorker Worker, IHostedService? Listener);

    private sealed class Harness
    {
        private readonly IJobStore _producer;
        private readonly QueueSignal? _producerSignal;
        private readonly JobIds _ids = new(TimeProvider.System);
        private readonly NoOpModelLoader _loader = new();
        private readonly List<Node> _nodes = [];
        private readonly int _models;

        public Harness(BenchQueue queue, QueueBenchmarkOptions options)
        {
            _models = options.Models;
            var metrics = new ForemanMetrics();
            for (var i = 0; i < options.Nodes; i++)
            {
                var store = queue.NewStore();
                var signal = new QueueSignal();
                var residency = new ModelResidency(_loader, metrics, Options.Create(new ModelOptions { WarmupLevel = 1 }), TimeProvider.System, NullLogger<ModelResidency>.Instance);
                var worker = new AlignmentWorker(store, residency, _loader, new NoOpAudioInputs(), new JobCompletions(), signal, new WorkerIdentity(),
                    new WorkerStatus(TimeProvider.System), metrics, Options.Create(new QueueOptions()), Options.Create(new WorkerOptions()),
                    TimeProvider.System, NullLogger<AlignmentWorker>.Instance);
                _nodes.Add(new Node(signal, worker, queue.NewListener(signal)));
            }
            // SQLite: the producer is the worker's own process and wakes it directly. PostgreSQL: an API-only node, heard through NOTIFY.
            _producer = queue.NewStore();
            _producerSignal = queue.SharedByNodes ? null : _nodes[0].Signal;
        }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var node in _nodes)
            {
                if (node.Listener is null) continue;
                await node.Listener.StartAsync(cancellationToken);
                await node.Signal.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); // the wake-up it gives once listening
            }
        }

        public async Task StopAsync()
        {
            foreach (var node in _nodes)
                if (node.Listener is not null) await node.Listener.StopAsync(CancellationToken.None);
        }

        public async Task<double> ThroughputAsync(int jobs, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var producer = Task.Run(() =>
            {
                for (var i = 0; i < jobs; i++) Enqueue($"job {i}", i);
            }, cancellationToken);
            var aligned = _loader.Aligned;
            await Task.WhenAll(_nodes.Select(node => Task.Run(async () =>
            {
                while (_loader.Aligned - aligned < jobs)
                    if (!await node.Worker.RunOnceAsync(cancellationToken)) await node.Signal.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
            }, cancellationToken)));
            await producer;
            return jobs / clock.Elapsed.TotalSeconds;
        }

        public async Task<List<double>> LatencyAsync(int jobs, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Idle workers wait as long as the service's idle poll: only a wake-up brings a job to them sooner.
            var idlePoll = new QueueOptions().IdlePollInterval;
            var workers = _nodes.Select(node => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                    if (!await node.Worker.RunOnceAsync(stop.Token)) await node.Signal.WaitAsync(idlePoll, stop.Token);
            }, stop.Token)).ToList();
            var latencies = new List<double>(jobs);
            for (var i = 0; i < jobs; i++)
            {
                var key = $"latency {i}";
                var started = _loader.WhenStarted(key);
                var submitted = Stopwatch.GetTimestamp();
                Enqueue(key, i);
                var at = await started.WaitAsync(cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(submitted, at).TotalMilliseconds);
                await Task.Delay(1, cancellationToken); // let the workers go idle again
            }
            await stop.CancelAsync();
            try { await Task.WhenAll(workers); } catch (OperationCanceledException) { }
            return latencies;
        }

        private void Enqueue(string lyrics, int n)
        {
            _producer.Create(new NewJob(_ids.Next(), $"bench-{n % _models}", "json", AudioPath: null, AudioUrl: null, lyrics, null, TimeSpan.FromMinutes(5), 5, null));
            _producerSignal?.Notify();
        }
    }

    private sealed class NoOpAudioInputs : IAudioInputs
    {
        public Task<float[]> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken) => Task.FromResult(Array.Empty<float>());
    }

    /// <summary>A model and an aligner that do nothing but note when each job reached them (keyed by its lyrics).</summary>
    private sealed class NoOpModelLoader : IModelLoader, ISongAligner
    {
        private static readonly AlignmentResult Empty = new("bench", 0, []);
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _started = new();

        private long _aligned;

        /// <summary>Jobs that reached the model so far.</summary>
        public long Aligned => Interlocked.Read(ref _aligned);

        public Task<long> WhenStarted(string key) => _started.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public ILoadedModel Load(string name, CancellationToken cancellationToken) => new NoOpModel(name);

        public AlignmentResult Align(ILoadedModel model, float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _aligned);
            if (_started.TryGetValue(lyrics, out var started)) started.TrySetResult(Stopwatch.GetTimestamp());
            return Empty;
        }

        private sealed class NoOpModel(string name) : ILoadedModel
        {
            public string Name => name;
            public string Device => "cpu";
            public int SampleRate => 16000;
            public string? DeviceFallbackReason => null;
            public Vocabulary Vocabulary { get; } = new(new Dictionary<string, int> { ["<pad>"] = 0, ["|"] = 1 });

            /// <summary>Hears nothing (a warm-up's call); jobs align through <see cref="NoOpModelLoader.Align"/>.</summary>
            public AudioEmissions Listen(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken) =>
                new(new EmissionMatrix([], 0, Vocabulary.Size, 0.02), Vocabulary, samples.Length / 16000.0);

            public void Dispose() { }
        }
    }
}

/// <summary>What <c>foreman-bench queue</c> runs.</summary>
/// <param name="Database"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Connection">PostgreSQL: a connection string whose user may create databases.</param>
/// <param name="Compare"><c>hangfire</c>: run the peer beside Foreman on the same storage (see <see cref="QueueComparison"/>); null: Foreman alone.</param>
/// <param name="PeerJobs">Jobs for the peer's throughput run (its latency run takes a tenth of them, at most <paramref name="LatencyJobs"/>).</param>
public sealed record QueueBenchmarkOptions(int Jobs, int LatencyJobs, string Database, string? Connection, int Nodes, int Models,
    string? Compare = null, int PeerJobs = 2_000);
