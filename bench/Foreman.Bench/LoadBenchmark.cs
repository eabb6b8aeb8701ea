using System.Collections.Concurrent;
using System.Diagnostics;
using Foreman.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Foreman.Bench;

/// <summary>
/// Submit load: many concurrent clients POST small uploads to <c>/api/v1/jobs</c> and the benchmark reports submits/s
/// and latency percentiles. Against a running server's URL, or one it starts on a loopback port (the bundled model,
/// its worker running, a temp data directory), so the figures include the worker competing for the machine.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(Uri? url, int jobs, int concurrency, string? apiKey, TextWriter output, CancellationToken cancellationToken)
    {
        await using var local = url is null ? await LocalServer.StartAsync(cancellationToken) : null;
        var target = url ?? local!.Url;
        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        var audio = ToneWav.Create(seconds: 1);

        await RunClientsAsync(client, audio, Math.Min(jobs, concurrency), concurrency, cancellationToken); // warm-up: connections, JIT
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await RunClientsAsync(client, audio, jobs, concurrency, cancellationToken, (status, ms) =>
        {
            latencies.Add(ms);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        });
        var elapsed = clock.Elapsed;

        var sorted = latencies.Order().ToList();
        await output.WriteLineAsync($"target: {target} ({(local is null ? "running server" : "started here: bundled model, worker on")})");
        await output.WriteLineAsync($"submits: {jobs:N0} from {concurrency} concurrent clients in {elapsed.TotalSeconds:F2} s: {jobs / elapsed.TotalSeconds:N0} submits/s");
        await output.WriteLineAsync($"latency: p50 {QueueFigures.Percentile(sorted, 0.5):F1} ms, p99 {QueueFigures.Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms");
        await output.WriteLineAsync($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value:N0}"))}");
        return statuses.Keys.All(s => s is 202 or 503) ? 0 : 1;
    }

    private static Task RunClientsAsync(HttpClient client, byte[] audio, int jobs, int concurrency, CancellationToken cancellationToken,
        Action<int, double>? record = null)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < jobs)
            {
                using var form = new MultipartFormDataContent { { new ByteArrayContent(audio), "audio", "tone.wav" }, { new StringContent("la la la"), "lyrics" } };
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("/api/v1/jobs", form, cancellationToken);
                record?.Invoke((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
    }

    /// <summary>The real server on a free loopback port with a temp data directory, deleted afterwards.</summary>
    private sealed class LocalServer(WebApplication app, DirectoryInfo dataDir) : IAsyncDisposable
    {
        public Uri Url { get; } = new(app.Urls.First());

        public static async Task<LocalServer> StartAsync(CancellationToken cancellationToken)
        {
            var dataDir = Directory.CreateTempSubdirectory("foreman-load-");
            var app = ServerApp.Build([], builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Foreman:DataDir"] = dataDir.FullName });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
            await app.StartAsync(cancellationToken);
            return new LocalServer(app, dataDir);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dataDir.Delete(recursive: true);
        }
    }
}
