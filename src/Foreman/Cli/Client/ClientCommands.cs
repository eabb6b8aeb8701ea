using System.CommandLine;
using System.Globalization;
using Foreman.Api;
using Foreman.Contracts;

namespace Foreman.Cli.Client;

/// <summary>
/// <c>foreman submit | status | result | jobs</c>: the verbs that talk to a running server (<c>--server</c>, or
/// <c>FOREMAN_URL</c>) with the key in <c>FOREMAN_API_KEY</c>. They exit 0 on success, 1 when the server refused or
/// could not be reached (printing the problem's detail), and 2 when the command line itself is wrong.
/// </summary>
public static class ClientCommands
{
    public const string DefaultServer = "http://localhost:8080";
    public const string ServerVariable = "FOREMAN_URL";
    public const string ApiKeyVariable = "FOREMAN_API_KEY";

    /// <param name="environment">Reads environment variables; tests pass their own.</param>
    public static IReadOnlyList<Command> Build(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return [Submit(environment), Status(environment), Result(environment), Jobs(environment)];
    }

    private static Command Submit(Func<string, string?> environment)
    {
        var audio = new Argument<FileInfo>("audio") { Description = "Audio file to upload (wav, mp3, flac, ogg, m4a, ...)" };
        var lyrics = new Argument<FileInfo>("lyrics") { Description = "Lyrics or transcript, one line per lyric line (UTF-8 text)" };
        var model = new Option<string?>("--model", "-m") { Description = "Model name; default: the server's default model" };
        var format = new Option<string?>("--format", "-f") { Description = "Format the result is kept in: json (default), lrc, elrc, srt, vtt or textgrid" };
        var language = new Option<string?>("--language", "-l") { Description = "ISO 639-1 code of the lyrics (en, fr, es, de, zh...); default: guessed by the server from the script" };
        var command = new Command("submit", "Queue an alignment job on a server and print its id") { audio, lyrics, model, format, language };
        return WithClient(command, environment, async (parseResult, client, output, cancellationToken) =>
        {
            var audioFile = parseResult.GetValue(audio)!;
            var lyricsFile = parseResult.GetValue(lyrics)!;
            if (!audioFile.Exists) throw new UsageException($"audio file not found: {audioFile.FullName}");
            if (!lyricsFile.Exists) throw new UsageException($"lyrics file not found: {lyricsFile.FullName}");
            var text = await File.ReadAllTextAsync(lyricsFile.FullName, cancellationToken);
            var job = await client.SubmitAsync(audioFile, text, parseResult.GetValue(model), parseResult.GetValue(format), parseResult.GetValue(language), cancellationToken);
            await output.WriteLineAsync(job.Id);
        });
    }

    private static Command Status(Func<string, string?> environment)
    {
        var id = new Argument<string>("id") { Description = "Job id, as submit printed it" };
        var command = new Command("status", "Show a job's state, attempts, place in line and history") { id };
        return WithClient(command, environment, async (parseResult, client, output, cancellationToken) =>
        {
            var job = await client.GetJobAsync(parseResult.GetValue(id)!, cancellationToken);
            await output.WriteAsync(Describe(job));
        });
    }

    private static Command Result(Func<string, string?> environment)
    {
        var id = new Argument<string>("id") { Description = "Job id" };
        var format = new Option<string?>("--format", "-f") { Description = "json, lrc, elrc, srt, vtt or textgrid; default: the format the job was submitted with" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("result", "Print (or save) the alignment of a finished job") { id, format, output };
        return WithClient(command, environment, async (parseResult, client, console, cancellationToken) =>
        {
            var document = await client.GetResultAsync(parseResult.GetValue(id)!, parseResult.GetValue(format), cancellationToken);
            if (parseResult.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, document, cancellationToken);
            else await console.WriteAsync(document);
        });
    }

    private static Command Jobs(Func<string, string?> environment)
    {
        var state = new Option<string?>("--state", "-s") { Description = "Only jobs in this state: queued, loading, working, done, failed or cancelled" };
        var limit = new Option<int>("--limit", "-n") { Description = $"How many jobs, newest first (1 to {JobsEndpoints.MaxPageSize})", DefaultValueFactory = _ => 20 };
        var command = new Command("jobs", "List the newest jobs on a server") { state, limit };
        return WithClient(command, environment, async (parseResult, client, output, cancellationToken) =>
        {
            var page = await client.ListJobsAsync(parseResult.GetValue(state), parseResult.GetValue(limit), cancellationToken);
            var table = new TextTable("ID", "STATE", "MODEL", "ATTEMPT", "CREATED");
            foreach (var job in page.Jobs)
                table.Add(job.Id, job.State, job.Model, $"{job.Attempt}/{job.MaxAttempts}", Time(job.CreatedAt));
            await output.WriteAsync(table.ToString());
        });
    }

    /// <summary>Adds <c>--server</c> and runs <paramref name="action"/> with a client, turning failures into a message and an exit code.</summary>
    private static Command WithClient(Command command, Func<string, string?> environment,
        Func<ParseResult, ForemanClient, TextWriter, CancellationToken, Task> action)
    {
        var server = new Option<string>("--server") { Description = $"Server URL (default: ${ServerVariable}, else {DefaultServer})", DefaultValueFactory = _ => environment(ServerVariable) ?? DefaultServer };
        command.Options.Add(server);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var url = parseResult.GetValue(server)!;
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return await FailAsync(error, command, $"--server '{url}' is not an http:// or https:// URL", 2);
            try
            {
                using var client = new ForemanClient(uri, environment(ApiKeyVariable));
                await action(parseResult, client, output, cancellationToken);
                return 0;
            }
            catch (UsageException e)
            {
                return await FailAsync(error, command, e.Message, 2);
            }
            catch (ForemanClientException e)
            {
                return await FailAsync(error, command, e.Message, 1);
            }
        });
        return command;
    }

    private static async Task<int> FailAsync(TextWriter error, Command command, string message, int code)
    {
        await error.WriteLineAsync($"foreman {command.Name}: {message}");
        return code;
    }

    private static string Describe(JobResponse job)
    {
        var lines = new List<(string, string?)>
        {
            ("id", job.Id),
            ("state", job.Position is { } position ? $"{job.State} (place {position} in line)" : job.State),
            ("model", job.Model),
            ("format", job.Format),
            ("attempt", $"{job.Attempt} of {job.MaxAttempts}"),
            ("created", Time(job.CreatedAt)),
            ("started", job.StartedAt is { } started ? Time(started) : null),
            ("finished", job.FinishedAt is { } finished ? Time(finished) : null),
            ("deadline", job.Deadline is { } deadline ? Time(deadline) : null),
            ("last error", job.LastError),
            ("result", job.ResultUrl),
        };
        var text = new System.Text.StringBuilder();
        foreach (var (name, value) in lines.Where(l => l.Item2 is not null)) text.AppendLine($"{name + ":",-12}{value}");
        if (job.Events is { Count: > 0 } events)
        {
            text.AppendLine("history:");
            foreach (var e in events)
                text.AppendLine($"  {Time(e.At)}  {e.State,-9}  attempt {e.Attempt}{(e.Error is null ? "" : "  " + e.Error)}");
        }
        return text.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The command line asks for something impossible (a missing file): exit 2.</summary>
    private sealed class UsageException(string message) : Exception(message);
}
