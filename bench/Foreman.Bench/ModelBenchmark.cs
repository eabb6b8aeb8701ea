using System.Diagnostics;
using System.Net.Sockets;
using Foreman.Alignment;
using Foreman.Diagnostics;
using Foreman.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Foreman.Bench;

/// <summary>
/// Model lifecycle costs: a fresh <c>foreman serve</c> process's time to <c>/health/ready</c>, and in this process the
/// resident memory before a load, after load and warm-up, and after unload.
/// </summary>
public static class ModelBenchmark
{
    public static async Task<int> RunAsync(string modelsDirectory, string model, InferenceOptions inference, int warmupLevel, TextWriter output,
        CancellationToken cancellationToken)
    {
        var ready = await TimeToReadyAsync(modelsDirectory, model, warmupLevel, cancellationToken);
        await output.WriteLineAsync($"cold start: `foreman serve` process start to /health/ready 200: {ready.TotalSeconds:F2} s (model {model}, warm-up level {warmupLevel})");

        var options = Options.Create(new ModelOptions { WarmupLevel = warmupLevel });
        var catalog = new ModelCatalog(Options.Create(new ModelCatalogOptions { ModelsDir = modelsDirectory, DefaultModel = model }));
        using var residency = new ModelResidency(new OnnxModelLoader(catalog, Options.Create(inference)), new ForemanMetrics(), options,
            TimeProvider.System, NullLogger<ModelResidency>.Instance);
        // The first cycle also pays once-per-process costs that no unload can return (ONNX Runtime's environment and
        // thread pools, JIT-compiled code); the second shows what a model itself takes and gives back.
        foreach (var cycle in new[] { "first load in the process", "second load (runtime already initialised)" })
        {
            NativeMemory.Trim();
            var before = ResidentBytes();
            var clock = Stopwatch.StartNew();
            residency.Acquire(model, cancellationToken);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            var loaded = ResidentBytes();
            residency.Unload();
            var after = ResidentBytes();
            var took = loaded - before;
            var returned = loaded - after;
            await output.WriteLineAsync($"{cycle}: load + warm-up {loadSeconds:F2} s; RSS before {Mib(before)}, after load {Mib(loaded)} (+{Mib(took)}), after unload {Mib(after)}: unload returned {(took > 0 ? 100.0 * returned / took : 0):F0}% of what the load took");
        }
        return 0;
    }

    private static async Task<TimeSpan> TimeToReadyAsync(string modelsDirectory, string model, int warmupLevel, CancellationToken cancellationToken)
    {
        using var data = new TempFolder();
        var port = FreePort();
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Foreman__DataDir"] = data.Path,
                ["Foreman__ModelsDir"] = modelsDirectory,
                ["Foreman__DefaultModel"] = model,
                ["Foreman__Models__WarmupLevel"] = warmupLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        info.ArgumentList.Add(ServerAssembly);
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(argument);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/health/ready", cancellationToken);
                    if (response.IsSuccessStatusCode) return clock.Elapsed;
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(10, cancellationToken);
            }
            throw new TimeoutException("the server did not become ready within 60 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The server's assembly, copied beside the benchmark's: run by the same .NET host, so the figure is its own start-up.</summary>
    private static string ServerAssembly => typeof(Foreman.Hosting.ServerApp).Assembly.Location;

    /// <summary>The <c>dotnet</c> host: this process's own under <c>dotnet foreman-bench.dll</c>, else the one on the PATH.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:F0} MiB";

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("foreman-bench-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
