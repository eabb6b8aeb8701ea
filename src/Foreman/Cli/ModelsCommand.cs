using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Foreman.Api;
using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Options = Microsoft.Extensions.Options.Options;

namespace Foreman.Cli;

/// <summary>
/// <c>foreman models list|pull|rm</c>: the models directory, offline. The queue's jobs are read from the SQLite file
/// in Foreman:DataDir (WAL lets this run beside a server), so pull --force and rm refuse a model jobs need, as the server does.
/// </summary>
internal static class ModelsCommand
{
    public static Command Build()
    {
        var models = new Command("models", "List, pull (from a Hugging Face-style hub) and remove models in the models directory");
        models.Subcommands.Add(List());
        models.Subcommands.Add(Pull());
        models.Subcommands.Add(Remove());
        return models;
    }

    private static Command List()
    {
        var command = new Command("list", "Every model folder: default, vocabulary size, size on disk, queued jobs, and where a pulled model came from");
        command.SetAction(_ =>
        {
            var (settings, catalog) = Catalog();
            var usage = Usage(settings);
            var table = new TextTable("NAME", "DEFAULT", "VOCAB", "SIZE", "QUEUED", "SOURCE");
            foreach (var name in catalog.Names())
            {
                var folder = catalog.PathOf(name);
                var bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                table.Add(name, name == catalog.DefaultModel ? "yes" : "", VocabularySize(catalog, name), $"{bytes / 1e6:F1} MB",
                    usage.JobsOf(name).Queued.ToString(System.Globalization.CultureInfo.InvariantCulture), SourceOf(folder));
            }
            Console.Out.Write(table.ToString());
            return 0;
        });
        return command;
    }

    private static string SourceOf(string folder) => PullManifest.Read(folder) switch
    {
        null => "",
        { Variant: ModelVariants.Default } manifest => manifest.Source,
        var manifest => $"{manifest.Source} ({manifest.Variant})",
    };

    private static Command Pull()
    {
        var source = new Argument<string>("source") { Description = "OWNER/NAME[@REVISION] on the hub (Foreman:Hub:BaseUrl), e.g. facebook/wav2vec2-base-960h@main" };
        var localName = new Option<string?>("--as") { Description = "Local model name (default: NAME)" };
        var force = new Option<bool>("--force") { Description = "Replace an existing model of that name (refused while jobs run on it)" };
        var variant = new Option<string>("--variant")
        {
            Description = "Which ONNX file: default (model.onnx or onnx/model.onnx), or X for onnx/model_X.onnx (quantized: int8 for CPUs, fp16, ...)",
            DefaultValueFactory = _ => ModelVariants.Default,
        };
        var command = new Command("pull", "Download a wav2vec2 CTC ONNX export into the models directory; resumes an interrupted pull; checks sizes, sha256 and that the model loads")
        {
            source, localName, force, variant,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!HubModelReference.TryParse(parseResult.GetValue(source), out var reference, out var error)) return Fail("pull", error, 2);
            var configuration = CliConfiguration.Load(Console.Error);
            HubOptions hubOptions;
            try
            {
                hubOptions = HubOptions.Read(configuration);
            }
            catch (ValidationException e)
            {
                return Fail("pull", $"invalid {HubOptions.Section} setting: {e.Message}", 2);
            }
            var (settings, catalog) = Catalog();
            using var hub = new HubClient(hubOptions);
            // Only the resume notices: progress and the outcome are printed below.
            using var logging = LoggerFactory.Create(b => b
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddFilter(level => level == LogLevel.Warning));
            var puller = new ModelPuller(hub, Options.Create(hubOptions), catalog, Usage(settings), Options.Create(configuration.Inference()),
                TimeProvider.System, logging.CreateLogger<ModelPuller>());
            var request = new PullRequest(reference, parseResult.GetValue(localName) ?? reference.DefaultLocalName, parseResult.GetValue(force),
                parseResult.GetValue(variant)!);
            var printer = new PullProgressPrinter(Console.Error, TimeProvider.System);
            try
            {
                var manifest = await puller.PullAsync(request, printer.Report, cancellationToken);
                printer.Finish();
                Console.Error.WriteLine(
                    $"pulled {manifest.Source} (variant {manifest.Variant}, {manifest.Commit ?? "commit not published"}) into {catalog.PathOf(request.LocalName)}");
                Console.Error.WriteLine($"try it: foreman align SONG LYRICS --model {request.LocalName}");
                return 0;
            }
            catch (ModelPullException e)
            {
                printer.Finish();
                return Fail("pull", e.Message, 1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                printer.Finish();
                return Fail("pull", $"cannot write to {catalog.Directory}: {e.Message}", 1);
            }
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The model's name (its folder in the models directory)" };
        var command = new Command("rm", "Delete a model; refused for the default model and for a model with queued or running jobs") { name };
        command.SetAction(parseResult =>
        {
            var (settings, catalog) = Catalog();
            var result = new ModelRemoval(catalog, Usage(settings), NullLogger<ModelRemoval>.Instance).Remove(parseResult.GetValue(name)!);
            if (result.Outcome != RemoveOutcome.Removed) return Fail("rm", result.Message, 1);
            Console.Error.WriteLine(result.Message);
            return 0;
        });
        return command;
    }

    private static (StorageOptions Storage, ModelCatalog Catalog) Catalog()
    {
        var configuration = CliConfiguration.Load(Console.Error);
        return (configuration.Storage(), new ModelCatalog(Options.Create(configuration.ModelCatalog())));
    }

    // No database yet means no server has run with this data directory: no jobs.
    private static IModelUsage Usage(StorageOptions settings) =>
        File.Exists(settings.DatabasePath) ? new QueueModelUsage(new SqliteJobStore(new SqliteDatabase(settings.DatabasePath), TimeProvider.System)) : new NoJobs();

    private static string VocabularySize(ModelCatalog catalog, string name)
    {
        try
        {
            return catalog.VocabularyOf(name).Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            return "unreadable";
        }
    }

    private static int Fail(string verb, string message, int exitCode)
    {
        Console.Error.WriteLine($"foreman models {verb}: {message}");
        return exitCode;
    }

    private sealed class NoJobs : IModelUsage
    {
        public ModelJobs JobsOf(string model) => default;
    }
}
