using System.Diagnostics;
using Foreman.Tests.Support;

namespace Foreman.Tests.Cli;

/// <summary>
/// scripts/install-cli.sh as the README tells a user to run it, into a fresh HOME (published once for the class), then
/// <c>foreman</c> from new login shells that start from an empty environment (<c>env -i ... bash -lc</c>).
/// </summary>
public class InstallCliTests(InstallCliTests.InstalledCli cli) : IClassFixture<InstallCliTests.InstalledCli>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewLoginShell_FindsForemanOnThePath()
    {
        var which = await cli.ShellAsync("command -v foreman", Ct);
        var help = await cli.ShellAsync("foreman --help", Ct);

        Assert.Equal(0, cli.Install.ExitCode);
        Assert.Equal(Path.Combine(cli.Home.Path, ".local", "bin", "foreman"), which.Output.Trim());
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.Output);
        foreach (var verb in new[] { "serve", "submit", "status", "result", "jobs", "models" }) Assert.Contains($"  {verb}", help.Output);
    }

    [Fact]
    public async Task ReadmeClientExamples_WorkAgainstAServer()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        using var files = new TempDirectory();
        await File.WriteAllBytesAsync(files.File("song.wav"), TestAudio.ToneWav(), Ct);
        await File.WriteAllTextAsync(files.File("song.txt"), "la la la\n", Ct);
        var server = $"FOREMAN_URL={app.BaseAddress}";

        var submit = await cli.ShellAsync($"cd '{files.Path}' && foreman submit song.wav song.txt --model a", Ct, server);
        var id = submit.Output.Trim();
        await app.DrainAsync();
        var status = await cli.ShellAsync($"foreman status {id}", Ct, server);
        var result = await cli.ShellAsync($"foreman result {id} -f lrc", Ct, server);
        var jobs = await cli.ShellAsync("foreman jobs", Ct, server);

        Assert.True(submit.ExitCode == 0, submit.Error);
        Assert.Equal("done", app.Store.Get(id)!.State);
        Assert.Contains("state:      done", status.Output);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("la la la", result.Output);
        Assert.Contains(id, jobs.Output);
    }

    [Fact]
    public async Task ModelsPullVariant_InstallsThatOnnxFileFromAHubLaidOutLikeXenova()
    {
        await using var hub = await TestHub.StartAsync();
        var files = TestHub.TransformersJsLayout("default", "quantized", "fp16");
        hub.Add("Xenova/wav2vec2-base-960h", files);
        using var data = new TempDirectory();
        var models = Path.Combine(data.Path, "models");
        string[] settings = [$"Foreman__Hub__BaseUrl={hub.BaseUrl}", $"Foreman__ModelsDir={models}", $"Foreman__DataDir={data.Path}"];

        var pull = await cli.ShellAsync("foreman models pull Xenova/wav2vec2-base-960h --variant quantized", Ct, settings);
        var list = await cli.ShellAsync("foreman models list", Ct, settings);

        Assert.True(pull.ExitCode == 0, pull.Error);
        var installed = await File.ReadAllBytesAsync(Path.Combine(models, "wav2vec2-base-960h", "model.onnx"), Ct);
        Assert.Equal(TestHub.Sha256(files["onnx/model_quantized.onnx"]), TestHub.Sha256(installed));
        Assert.Contains("variant quantized", pull.Error);
        Assert.Contains("Xenova/wav2vec2-base-960h@main (quantized)", list.Output);
    }

    public sealed record Run(int ExitCode, string Output, string Error);

    /// <summary>A HOME with the CLI installed by the script, as a user would.</summary>
    public sealed class InstalledCli : IAsyncLifetime
    {
        public TempDirectory Home { get; } = new();

        public Run Install { get; private set; } = new(-1, "", "");

        public async ValueTask InitializeAsync()
        {
            var script = Path.Combine(RepositoryPaths.Root, "scripts", "install-cli.sh");
            // The fresh HOME has no NuGet cache: point the publish at the one the build filled, as offline as the user's.
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            Install = await RunAsync("bash", [script], new() { ["HOME"] = Home.Path, ["NUGET_PACKAGES"] = packages }, TimeSpan.FromMinutes(5),
                CancellationToken.None);
            Assert.True(Install.ExitCode == 0, $"install-cli.sh failed: {Install.Output}\n{Install.Error}");
        }

        /// <summary>Runs <paramref name="command"/> in a new login shell with nothing but HOME (and <paramref name="variables"/>) set.</summary>
        public Task<Run> ShellAsync(string command, CancellationToken cancellationToken, params string[] variables) =>
            RunAsync("env", ["-i", $"HOME={Home.Path}", .. variables, "bash", "-lc", command], [], TimeSpan.FromMinutes(1), cancellationToken);

        public ValueTask DisposeAsync()
        {
            Home.Dispose();
            return ValueTask.CompletedTask;
        }

        private static async Task<Run> RunAsync(string file, string[] arguments, Dictionary<string, string> environment, TimeSpan limit,
            CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var (name, value) in environment) start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran over {limit}");
            }
            return new Run(process.ExitCode, await output, await error);
        }
    }
}
