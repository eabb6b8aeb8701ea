using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Foreman.Tests.Support;

/// <summary>A real <c>foreman serve</c> process on a free loopback port, for tests that kill and restart it.</summary>
public sealed class ForemanProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ForemanProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public int ProcessId { get; private set; }

    public bool HasExited => _process.HasExited;

    public HttpClient Client { get; }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The built <c>foreman.dll</c>, from the same configuration as this test assembly.</summary>
    public static string ExecutablePath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name; // .../bin/<Configuration>/net10.0
            return Path.Combine(RepositoryPaths.Root, "src", "Foreman", "bin", configuration, testBin.Name, "foreman.dll");
        }
    }

    public static async Task<ForemanProcess> StartAsync(IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ExecutablePath, "serve", "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var foreman = new ForemanProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => foreman.Append(e.Data);
        process.ErrorDataReceived += (_, e) => foreman.Append(e.Data);
        process.Start();
        foreman.ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await foreman.WaitUntilListeningAsync(cancellationToken);
        return foreman;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited) KillHard();
        await Task.CompletedTask;
        _process.Dispose();
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited) throw new InvalidOperationException($"foreman exited with {_process.ExitCode}:\n{Log}");
                try
                {
                    using var response = await Client.GetAsync("/api/v1/jobs?limit=1", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "foreman to listen", cancellationToken, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}:\n{Log}", e);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
