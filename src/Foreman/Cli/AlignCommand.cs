using System.CommandLine;
using Foreman.Alignment;
using Foreman.Inputs.Audio;
using Foreman.Alignment.Formats;
using Foreman.Alignment.Text;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Worker;

namespace Foreman.Cli;

/// <summary><c>foreman align AUDIO LYRICS</c>: the server's engine, run once without a server.</summary>
internal static class AlignCommand
{
    public static Command Build()
    {
        var audio = new Argument<FileInfo>("audio") { Description = "Audio file (wav, mp3, flac, ogg, m4a, ...)" };
        var lyrics = new Argument<FileInfo>("lyrics") { Description = "Lyrics or transcript, one line per lyric line (UTF-8 text)" };
        var model = new Option<string?>("--model", "-m") { Description = "Model name (a folder in the models directory); default: Foreman:DefaultModel" };
        var format = new Option<string>("--format", "-f") { Description = "json, lrc, elrc, srt, vtt or textgrid", DefaultValueFactory = _ => "lrc" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write here instead of standard output" };
        var language = new Option<string?>("--language", "-l") { Description = "ISO 639-1 code of the lyrics (en, fr, es, de, zh...); default: guessed from the script" };
        var command = new Command("align", "Align an audio file with its lyrics and print the result") { audio, lyrics, model, format, output, language };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = CliConfiguration.Load(Console.Error);
            var settings = configuration.ModelCatalog();
            var catalog = new ModelCatalog(Microsoft.Extensions.Options.Options.Create(settings));
            var modelName = parseResult.GetValue(model) ?? settings.DefaultModel;
            if (!OutputFormats.TryParse(parseResult.GetValue(format), out var outputFormat))
                return Fail($"unknown format '{parseResult.GetValue(format)}'; use one of {string.Join(", ", Enum.GetValues<OutputFormat>().Select(OutputFormats.Name))}");
            var languageCode = Languages.Normalize(parseResult.GetValue(language));
            if (parseResult.GetValue(language) is { } asked && languageCode is null)
                return Fail($"language '{asked}' is not an ISO 639-1 code (e.g. en, fr, es, de, zh, ja)");
            if (!catalog.Contains(modelName))
                return Fail($"unknown model '{modelName}' in {catalog.Directory}; available: {string.Join(", ", catalog.Names())}");
            var audioFile = parseResult.GetValue(audio)!;
            var lyricsFile = parseResult.GetValue(lyrics)!;
            if (!audioFile.Exists) return Fail($"audio file not found: {audioFile.FullName}");
            if (!lyricsFile.Exists) return Fail($"lyrics file not found: {lyricsFile.FullName}");

            try
            {
                // The model loads while ffmpeg decodes: both take a tenth of a second or more, and a song's whole run about one second.
                var modelPath = catalog.PathOf(modelName);
                var loading = Task.Run(() => OnnxLoadedModel.Load(modelPath, modelName, configuration.Inference()), cancellationToken);
                var decoding = new AudioDecoder(ModelFolder.Open(modelPath).SampleRate).DecodeAsync(audioFile.FullName, cancellationToken);
                using var loaded = await loading;
                var decoded = await decoding;
                var progress = decoded.Duration > 120 ? new Progress<double>(p => Console.Error.Write($"\raligning: {p:P0}   ")) : null;
                var aligner = new SongAligner(new ForcedAlignmentEngine(configuration.Alignment()));
                var result = aligner.Align(loaded, decoded.Samples, await File.ReadAllTextAsync(lyricsFile.FullName, cancellationToken), languageCode, progress, cancellationToken);
                if (progress is not null) Console.Error.WriteLine();
                var document = OutputFormats.Write(result, outputFormat);
                if (parseResult.GetValue(output) is { } file) await File.WriteAllTextAsync(file.FullName, document, cancellationToken);
                else await Console.Out.WriteAsync(document);
                return 0;
            }
            catch (Exception e) when (e is AlignmentInputException or UnusableAudioException)
            {
                return Fail(e.Message);
            }
            catch (FfmpegNotFoundException e)
            {
                return Fail(e.Message);
            }
            catch (CudaUnavailableException e)
            {
                return Fail(e.Message);
            }
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"foreman align: {message}");
        return 2;
    }
}
