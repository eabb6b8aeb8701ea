using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Foreman.Bench;

/// <summary>
/// A real <c>foreman serve</c> process on a free loopback port with its own temp data directory, both removed at
/// dispose: what the benchmarks measure when they are not pointed at a running server.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    private ServeProcess(Process process, string dataDir, Uri url)
    {
        _process = process;
        _dataDir = dataDir;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="settings">Configuration as environment variables (<c>Foreman__Inputs__Prefetch</c>), besides the data directory.</param>
    public static ServeProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var dataDir = Directory.CreateTempSubdirectory("foreman-bench-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["Foreman__DataDir"] = dataDir;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        info.ArgumentList.Add(ServerAssembly);
        foreach (var argument in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" }) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        // Nobody reads its logs: drain them so a full pipe never blocks the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process, dataDir, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"foreman serve exited with {_process.ExitCode} before it was ready");
            try
            {
                using var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(10, cancellationToken);
        }
        throw new TimeoutException($"the server did not become ready within {timeout.TotalSeconds:F0} s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>The server's assembly, copied beside the benchmark's: run by the same .NET host, so the figures are its own.</summary>
    private static string ServerAssembly => typeof(Foreman.Hosting.ServerApp).Assembly.Location;

    /// <summary>The <c>dotnet</c> host: this process's own under <c>dotnet foreman-bench.dll</c>, else the one on the PATH.</summary>
    private static string DotnetHost =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
