using System.CommandLine;
using Foreman.Cli.Client;
using Foreman.Tests.Support;

namespace Foreman.Tests.Cli.Client;

/// <summary>The client verbs against a real Kestrel server (probe model, worker driven by the test).</summary>
public class ClientCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_AudioAndLyrics_PrintsTheJobId()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        using var files = new TempDirectory();
        var (audio, lyrics) = WriteInputs(files);

        var run = await RunAsync(app, "submit", audio, lyrics, "--format", "lrc", "--model", "b", "--language", "fr");

        Assert.Equal(0, run.ExitCode);
        var job = app.Store.Get(run.Output.Trim())!;
        Assert.Equal(("queued", "lrc", "b", "fr"), (job.State, job.Format, job.Model, job.Language));
        Assert.Equal("one line\nanother line\n", job.Lyrics);
    }

    [Fact]
    public async Task Submit_MissingAudioFile_ExitsTwoAndSaysWhich()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        using var files = new TempDirectory();
        var (_, lyrics) = WriteInputs(files);

        var run = await RunAsync(app, "submit", files.File("nothing.mp3"), lyrics);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("foreman submit: audio file not found", run.Error);
    }

    [Fact]
    public async Task Submit_ServerRejects_ExitsOneWithTheProblemDetail()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        using var files = new TempDirectory();
        var (audio, lyrics) = WriteInputs(files);

        var run = await RunAsync(app, "submit", audio, lyrics, "--model", "nope");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("foreman submit: unknown model 'nope'; available: a, b (422 Unprocessable Entity)", run.Error.Trim());
    }

    [Fact]
    public async Task Status_FinishedJob_PrintsStateAttemptsAndHistory()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        var id = await app.SubmitAsync();
        await app.DrainAsync();

        var run = await RunAsync(app, "status", id);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"id:         {id}", run.Output);
        Assert.Contains("state:      done", run.Output);
        Assert.Contains("attempt:    1 of 5", run.Output);
        Assert.Contains("2026-01-01 00:00:00.000Z  working    attempt 1", run.Output);
    }

    [Fact]
    public async Task Status_UnknownJob_ExitsOneWithTheProblemDetail()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);

        var run = await RunAsync(app, "status", "01JDZZZZZZZZZZZZZZZZZZZZZZ");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no job has the id '01JDZZZZZZZZZZZZZZZZZZZZZZ' (404 Not Found)", run.Error);
    }

    [Fact]
    public async Task Result_DoneJob_WritesTheFormatAskedForToTheFile()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        var id = await app.SubmitAsync(lyrics: "one line\nanother line");
        await app.DrainAsync();
        using var files = new TempDirectory();

        var run = await RunAsync(app, "result", id, "-f", "lrc", "-o", files.File("song.lrc"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("[00:01.00]another line", await File.ReadAllTextAsync(files.File("song.lrc"), Ct));
    }

    [Fact]
    public async Task Result_QueuedJob_ExitsOneSayingToPoll()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        var id = await app.SubmitAsync();

        var run = await RunAsync(app, "result", id);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"job {id} is queued; poll /api/v1/jobs/{id} until it is done (409 Conflict)", run.Error);
    }

    [Fact]
    public async Task Jobs_StateAndLimit_ListsTheNewestOfThatState()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        var done = await app.SubmitAsync();
        await app.DrainAsync();
        var older = await app.SubmitAsync();
        var newer = await app.SubmitAsync();
        var newest = await app.SubmitAsync();

        var run = await RunAsync(app, "jobs", "--state", "queued", "--limit", "2");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID", lines[0]);
        Assert.StartsWith(newest, lines[1]);
        Assert.StartsWith(newer, lines[2]);
        Assert.DoesNotContain(older, run.Output);
        Assert.DoesNotContain(done, run.Output);
    }

    [Fact]
    public async Task Jobs_ServerFromEnvironment_IsUsedWithoutTheOption()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true);
        var id = await app.SubmitAsync();
        var environment = new Dictionary<string, string?> { [ClientCommands.ServerVariable] = app.BaseAddress!.ToString() };

        var run = await RunAsync(environment, "jobs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(id, run.Output);
    }

    [Fact]
    public async Task Status_NoServerListening_ExitsOneSayingItCannotReachIt()
    {
        var url = $"http://127.0.0.1:{ForemanProcess.FreePort()}/";

        var run = await RunAsync(new Dictionary<string, string?>(), "status", "01JDZZZZZZZZZZZZZZZZZZZZZZ", "--server", url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"foreman status: cannot reach the server at {url}", run.Error);
    }

    [Fact]
    public async Task Jobs_ServerNotAUrl_ExitsTwo()
    {
        var run = await RunAsync(new Dictionary<string, string?>(), "jobs", "--server", "localhost:8080");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--server 'localhost:8080' is not an http:// or https:// URL", run.Error);
    }

    private static (string Audio, string Lyrics) WriteInputs(TempDirectory files)
    {
        File.WriteAllBytes(files.File("song.wav"), TestAudio.ToneWav());
        File.WriteAllText(files.File("song.txt"), "one line\nanother line\n");
        return (files.File("song.wav"), files.File("song.txt"));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(ProbeApplication app, params string[] args) =>
        RunAsync(new Dictionary<string, string?>(), [.. args, "--server", app.BaseAddress!.ToString()]);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in ClientCommands.Build(name => environment.GetValueOrDefault(name))) root.Subcommands.Add(command);
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }
}
