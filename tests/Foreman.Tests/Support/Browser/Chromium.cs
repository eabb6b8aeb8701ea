using System.Diagnostics;

namespace Foreman.Tests.Support.Browser;

/// <summary>
/// Debian's headless Chromium and its WebDriver, installed with apt-get the first time a test needs them when they are
/// missing (CI runs as root on Debian 12). Browser tests fail, never skip, when neither is available.
/// </summary>
public static class Chromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private static readonly Lazy<Task> Installation = new(InstallIfMissingAsync);

    /// <summary>Flags for a quiet, self-contained headless run: no network of its own, no first-run UI, a throwaway profile.</summary>
    public static IReadOnlyList<string> HeadlessArguments(string profileDir) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        $"--user-data-dir={profileDir}",
    ];

    public static Task EnsureInstalledAsync() => Installation.Value;

    /// <summary>
    /// The page's DOM after its scripts ran: Chromium's virtual time runs timers and waits for the page's fetches up to
    /// <paramref name="virtualTimeMs"/> of page time.
    /// </summary>
    public static async Task<string> DumpDomAsync(Uri url, CancellationToken cancellationToken, int virtualTimeMs = 5000)
    {
        await EnsureInstalledAsync();
        using var profile = new TempDirectory();
        var (exitCode, output, error) = await RunAsync(BrowserPath,
            [.. HeadlessArguments(profile.Path), $"--virtual-time-budget={virtualTimeMs}", "--dump-dom", url.ToString()], cancellationToken);
        if (exitCode != 0 || output.Length == 0) throw new InvalidOperationException($"chromium exited with {exitCode}:\n{error}");
        return output;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    private static async Task InstallIfMissingAsync()
    {
        if (File.Exists(BrowserPath) && File.Exists(DriverPath)) return;
        if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
            throw new InvalidOperationException($"the browser tests need {BrowserPath} and {DriverPath}: apt-get install chromium chromium-driver");
        foreach (var step in new[] { "update -qq", "install -y -qq --no-install-recommends chromium chromium-driver" })
        {
            var (exitCode, _, error) = await RunAsync("/usr/bin/apt-get", step.Split(' '), CancellationToken.None);
            if (exitCode != 0) throw new InvalidOperationException($"apt-get {step} failed ({exitCode}):\n{error}");
        }
    }
}
