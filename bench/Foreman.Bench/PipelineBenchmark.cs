using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Foreman.Cli;
using Foreman.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Foreman.Bench;

/// <summary>
/// <c>foreman-bench pipeline</c>: submits a backlog of real songs to a <c>foreman serve</c> process over HTTP, half as
/// uploads and half as <c>audio_url</c>s served from a loopback server, waits until every one is finished, and reports
/// songs per minute and how the worker spent its busy time (from <c>foreman_worker_busy_seconds_total</c>): with a
/// backlog it should wait on nothing but inference.
/// </summary>
public static class PipelineBenchmark
{
    public static Command Command()
    {
        var url = BenchCommand.ServerUrl("A running server, e.g. http://127.0.0.1:8080, that admits http://127.0.0.1 audio URLs (Foreman:Http:AllowHttp, Foreman:Http:AllowedHosts); default: start `foreman serve` on a loopback port");
        var songs = new Option<int>("--songs", "-n") { Description = "Songs to submit at once: the backlog", DefaultValueFactory = _ => 20 };
        var folder = new Option<DirectoryInfo>("--folder") { Description = "Bench songs (manifest.json), cycled to reach --songs, e.g. ../shared/bench/songs",
            DefaultValueFactory = _ => new DirectoryInfo("tests/data/bench/songs") };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-API-Key when the server needs one" };
        var settings = new Option<string[]>("--set") { Description = "KEY=VALUE configuration for the server started here, e.g. Foreman:Inputs:Prefetch=0", AllowMultipleArgumentsPerToken = true };
        songs.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--songs must be at least 1");
        });
        var command = new Command("pipeline", "A backlog of real songs through a real server: songs/min and the worker's busy time by phase (the inference share)")
        {
            url, songs, folder, apiKey, settings,
        };
        command.SetAction(async (parseResult, cancellationToken) => await RunAsync(parseResult.GetValue(url), parseResult.GetValue(songs),
            parseResult.GetValue(folder)!.FullName, parseResult.GetValue(apiKey), parseResult.GetValue(settings) ?? [], Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Uri? url, int count, string folder, string? apiKey, IReadOnlyList<string> settings, TextWriter output,
        CancellationToken cancellationToken)
    {
        var songs = BenchSong.LoadFolder(folder);
        await using var server = url is null ? await StartServerAsync(settings, cancellationToken) : null;
        var target = url ?? server!.Url;
        await using var audio = await AudioServer.StartAsync(songs);
        using var client = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add("X-API-Key", apiKey);

        var loadBefore = LoadAverage();
        var before = MetricsScrape.Parse(await client.GetStringAsync("/metrics", cancellationToken));
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < count; i++) ids.Add(await SubmitAsync(client, songs[i % songs.Count], i % 2 == 0 ? null : audio.UrlOf(i % songs.Count), cancellationToken));
        var states = await WaitFinishedAsync(client, ids, cancellationToken);
        var wall = clock.Elapsed;
        var after = MetricsScrape.Parse(await client.GetStringAsync("/metrics", cancellationToken));
        var figures = PipelineFigures.From(before, after, count, wall);

        await output.WriteLineAsync($"target: {target} ({(server is null ? "running server" : $"`foreman serve` started here: bundled model, temp data dir{(settings.Count > 0 ? ", " + string.Join(", ", settings) : "")}")})");
        await output.WriteLineAsync($"songs: {count} submitted at once ({(count + 1) / 2} uploads, {count / 2} audio_urls from a loopback server), cycling the {songs.Count} songs of {folder}; " +
            string.Join(", ", states.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")));
        await output.WriteLineAsync($"throughput: {count} songs in {wall.TotalSeconds:F1} s (first submit to last finish): {figures.SongsPerMinute:F1} songs/min");
        await output.WriteLineAsync($"worker busy: {figures.Busy:F1} s of {wall.TotalSeconds:F1} s ({100 * figures.Utilisation:F1}%): " +
            string.Join(", ", WorkerPhase.All.Select(p => $"{p} {figures.BusySeconds[p]:F2} s ({100 * figures.Share(p):F1}%)")));
        await output.WriteLineAsync($"inference share of busy time: {100 * figures.InferenceShare:F1}% (goal >= 90%)");
        await output.WriteLineAsync($"input: the worker waited {figures.InputWait:F2} s on audio ({figures.InputWait / count:F3} s per song: decode " +
            $"{figures.BusySeconds[WorkerPhase.Decode]:F2} s on its own path, input_wait {figures.BusySeconds[WorkerPhase.InputWait]:F2} s on the prefetch) " +
            $"and had no job for {figures.Idle:F1} s while songs were unfinished (submits, audio_url fetches)");
        await output.WriteLineAsync($"machine: load average {loadBefore} before, {LoadAverage()} after ({Environment.ProcessorCount} cores)");
        return states.All(s => s == "done") ? 0 : 1;
    }

    private static async Task<ServeProcess> StartServerAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var catalog = CliConfiguration.Load(Console.Error).ModelCatalog();
        var environment = new Dictionary<string, string>
        {
            ["Foreman__ModelsDir"] = catalog.ResolvedModelsDir,
            // The songs' audio_urls point at this process's loopback server.
            ["Foreman__Http__AllowHttp"] = "true",
            ["Foreman__Http__AllowedHosts__0"] = "127.0.0.1",
        };
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=');
            if (equals < 1) throw new ArgumentException($"--set {setting}: expected KEY=VALUE");
            environment[setting[..equals].Replace(":", "__")] = setting[(equals + 1)..];
        }
        var server = ServeProcess.Start(environment);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> SubmitAsync(HttpClient client, BenchSong song, string? audioUrl, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent { { new StringContent(song.Lyrics), "lyrics" } };
        if (audioUrl is null)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(song.AudioPath, cancellationToken));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "audio", Path.GetFileName(song.AudioPath));
        }
        else
        {
            form.Add(new StringContent(audioUrl), "audio_url");
        }
        using var response = await client.PostAsync("/api/v1/jobs", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"submitting {song.Name} answered {(int)response.StatusCode}: {body}");
        using var job = JsonDocument.Parse(body);
        return job.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Polls every job until each is done, failed or cancelled; returns their final states.</summary>
    private static async Task<List<string>> WaitFinishedAsync(HttpClient client, List<string> ids, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, string>();
        while (states.Count < ids.Count)
        {
            foreach (var id in ids.Where(id => !states.ContainsKey(id)))
            {
                using var job = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}", cancellationToken));
                var state = job.RootElement.GetProperty("state").GetString()!;
                if (state is "done" or "failed" or "cancelled") states[id] = state;
            }
            if (states.Count < ids.Count) await Task.Delay(PollInterval, cancellationToken);
        }
        return [.. ids.Select(id => states[id])];
    }

    /// <summary>Short beside a song's inference, so the run's wall time is late by a small part of one song at most.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> prints them.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Serves the bench songs at <c>http://127.0.0.1:PORT/songs/N.ext</c>, the way a remote host serves an <c>audio_url</c>.</summary>
    private sealed class AudioServer(WebApplication app, IReadOnlyList<BenchSong> songs) : IAsyncDisposable
    {
        private readonly Uri _base = new(app.Urls.First());

        public string UrlOf(int song) => new Uri(_base, $"/songs/{song}{Path.GetExtension(songs[song].AudioPath)}").ToString();

        public static async Task<AudioServer> StartAsync(IReadOnlyList<BenchSong> songs)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/songs/{file}", (string file) =>
                int.TryParse(Path.GetFileNameWithoutExtension(file), out var song) && song >= 0 && song < songs.Count
                    ? Results.File(songs[song].AudioPath, "application/octet-stream")
                    : Results.NotFound());
            await app.StartAsync();
            return new AudioServer(app, songs);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
