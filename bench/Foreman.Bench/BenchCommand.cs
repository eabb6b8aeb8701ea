using System.CommandLine;
using Foreman.Cli;
using Foreman.Models;

namespace Foreman.Bench;

/// <summary><c>foreman-bench songs|real|queue|model|load|retention|pipeline</c>: the accuracy and speed benchmarks behind docs/benchmarks.md.</summary>
internal static class BenchCommand
{
    public static RootCommand Build()
    {
        var bench = new RootCommand("Foreman's benchmarks: alignment accuracy on a folder of songs with known timings, and the durable queue's speed");
        bench.Subcommands.Add(Songs());
        bench.Subcommands.Add(Real());
        bench.Subcommands.Add(Queue());
        bench.Subcommands.Add(Model());
        bench.Subcommands.Add(Load());
        bench.Subcommands.Add(RetentionBenchmark.Command());
        bench.Subcommands.Add(PipelineBenchmark.Command());
        return bench;
    }

    private static Command Songs()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Songs with truth (NAME.<audio>, NAME.txt, NAME.json), e.g. ../shared/bench/songs" };
        var model = new Option<string?>("--model", "-m") { Description = "Model name; default: Foreman:DefaultModel" };
        var command = new Command("songs", "Align every song and print line/word start errors per SNR group, beside plain CTC Viterbi") { folder, model };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load(Console.Error);
            var settings = configuration.ModelCatalog();
            var catalog = new ModelCatalog(Microsoft.Extensions.Options.Options.Create(settings));
            var name = parseResult.GetValue(model) ?? settings.DefaultModel;
            try
            {
                return await SongBenchmark.RunAsync(parseResult.GetValue(folder)!.FullName, catalog.PathOf(name), configuration.Inference(), Console.Out,
                    cancellationToken, configuration.Alignment());
            }
            catch (CudaUnavailableException e)
            {
                await Console.Error.WriteLineAsync($"foreman-bench songs: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Real()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Songs with human word timings in the JamendoLyrics layout, e.g. ../shared/real-songs" };
        var model = new Option<string?>("--model", "-m") { Description = "Model name; default: Foreman:DefaultModel" };
        var baseline = new Option<string[]>("--baseline") { Description = "Models (names or folders) measured beside it in the same run, e.g. the previous model", AllowMultipleArgumentsPerToken = true };
        var command = new Command("real", "Align real songs and print word/line AAE, median and PCO@0.3s per song and overall, engine beside plain CTC, and line-confidence ROC AUC")
        {
            folder, model, baseline,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load(Console.Error);
            var settings = configuration.ModelCatalog();
            var catalog = new ModelCatalog(Microsoft.Extensions.Options.Options.Create(settings));
            var name = parseResult.GetValue(model) ?? settings.DefaultModel;
            var models = new[] { name }.Concat(parseResult.GetValue(baseline) ?? [])
                // A folder keeps the path as given for its label: a previous copy of a model often has the same folder name.
                .Select(m => Directory.Exists(m) ? (m, Path.GetFullPath(m)) : (m, catalog.PathOf(m)))
                .ToArray();
            return await RealSongBenchmark.RunAsync(parseResult.GetValue(folder)!.FullName, models, configuration.Inference(), configuration.Alignment(),
                Console.Out, cancellationToken);
        });
        return command;
    }

    private static Command Model()
    {
        var model = new Option<string?>("--model", "-m") { Description = "Model name; default: Foreman:DefaultModel" };
        var level = new Option<int>("--warmup-level") { Description = "Warm-up level 1-3", DefaultValueFactory = _ => 2 };
        var command = new Command("model", "Cold start of `foreman serve` to ready, and resident memory before load, after load and after unload") { model, level };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load(Console.Error);
            var settings = configuration.ModelCatalog();
            return await ModelBenchmark.RunAsync(settings.ResolvedModelsDir, parseResult.GetValue(model) ?? settings.DefaultModel,
                configuration.Inference(), parseResult.GetValue(level), Console.Out, cancellationToken);
        });
        return command;
    }

    private static Command Queue()
    {
        var jobs = new Option<int>("--jobs", "-n") { Description = "Jobs for the throughput run", DefaultValueFactory = _ => 20_000 };
        var probes = new Option<int>("--latency-jobs") { Description = "Jobs for the latency run, submitted one at a time to idle workers", DefaultValueFactory = _ => 2_000 };
        var database = new Option<string>("--database") { Description = "sqlite (a temp file) or postgres (a temp database created through --connection)", DefaultValueFactory = _ => "sqlite" };
        database.AcceptOnlyFromAmong("sqlite", "postgres");
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string of a user that may create databases, e.g. Host=localhost;Username=postgres" };
        var nodes = new Option<int>("--nodes") { Description = "PostgreSQL: worker nodes on the database, each with its own connections and LISTEN (in this process)", DefaultValueFactory = _ => 1 };
        var models = new Option<int>("--models") { Description = "Spread the jobs over this many models", DefaultValueFactory = _ => 1 };
        var compare = new Option<string?>("--compare") { Description = "Run a peer queue beside Foreman on the same storage (SQLite, and PostgreSQL with --connection), one producer and one worker each: hangfire" };
        compare.AcceptOnlyFromAmong("hangfire");
        var peerJobs = new Option<int>("--peer-jobs") { Description = "With --compare: jobs for the peer's throughput run (its latency run takes a tenth)", DefaultValueFactory = _ => 2_000 };
        foreach (var positive in new[] { jobs, probes, nodes, models, peerJobs })
            positive.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1) result.AddError($"{result.Option.Name} must be at least 1");
            });
        var command = new Command("queue", "Durable queue core with no-op work on a temp SQLite file or PostgreSQL database: jobs/s and enqueue-to-start latency")
        {
            jobs, probes, database, connection, nodes, models, compare, peerJobs,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
            await QueueBenchmark.RunAsync(new QueueBenchmarkOptions(parseResult.GetValue(jobs), parseResult.GetValue(probes), parseResult.GetValue(database)!,
                parseResult.GetValue(connection), parseResult.GetValue(nodes), parseResult.GetValue(models), parseResult.GetValue(compare),
                parseResult.GetValue(peerJobs)), Console.Out, cancellationToken));
        return command;
    }

    private static Command Load()
    {
        var url = ServerUrl("A running server, e.g. http://127.0.0.1:8080; default: start one on a loopback port");
        var jobs = new Option<int>("--jobs", "-n") { Description = "Submits to time", DefaultValueFactory = _ => 1_000 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent clients", DefaultValueFactory = _ => 50 };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-API-Key when the server needs one" };
        var command = new Command("load", "Submit throughput and latency of POST /api/v1/jobs under concurrent clients") { url, jobs, concurrency, apiKey };
        command.SetAction(async (parseResult, cancellationToken) => await LoadBenchmark.RunAsync(parseResult.GetValue(url), parseResult.GetValue(jobs),
            parseResult.GetValue(concurrency), parseResult.GetValue(apiKey), Console.Out, cancellationToken));
        return command;
    }

    /// <summary>
    /// <c>--url</c>: a running server's absolute http(s) address. System.CommandLine has no converter for
    /// <see cref="Uri"/>, so without this parser any value fails when it is read.
    /// </summary>
    public static Option<Uri?> ServerUrl(string description) => new("--url")
    {
        Description = description,
        CustomParser = result =>
        {
            var value = result.Tokens.Single().Value;
            if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
            result.AddError($"--url {value}: expected an absolute http:// or https:// address, e.g. http://127.0.0.1:8080");
            return null;
        },
    };
}
