using System.CommandLine;
using Foreman.Alignment.Text;
using Foreman.Emissions;
using Foreman.Models;

namespace Foreman.Cli;

/// <summary>
/// <c>foreman text normalize</c>: lyrics in, the model's view of them out, one line per line, through the aligner's own
/// parser, so a model's training text gets exactly the folding, spelling and romanization it will be aligned with.
/// </summary>
internal static class TextCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo?>("file") { Description = "UTF-8 lyrics or transcript; standard input when absent", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model", "-m") { Description = "Normalize for this model's vocab.json; default: Foreman:DefaultModel" };
        var vocab = new Option<FileInfo?>("--vocab") { Description = "Normalize for this vocab.json instead of a model's" };
        var language = new Option<string?>("--language", "-l") { Description = "ISO 639-1 code (en, fr, es, de, zh...); default: guessed from the script" };
        var normalize = new Command("normalize",
            "Print each line as the aligner sees it: vocabulary tokens, words joined by the word delimiter; an empty line for a line that is blank, a tag, or has nothing to align")
            { file, model, vocab, language };
        normalize.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var asked = parseResult.GetValue(language);
            var code = Languages.Normalize(asked);
            if (asked is not null && code is null)
            {
                await error.WriteLineAsync($"foreman text normalize: language '{asked}' is not an ISO 639-1 code (e.g. en, fr, es, de, zh, ja)");
                return 2;
            }
            Vocabulary vocabulary;
            try
            {
                vocabulary = parseResult.GetValue(vocab) is { } path ? Vocabulary.Load(path.FullName) : VocabularyOf(parseResult.GetValue(model));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"foreman text normalize: {e.Message}");
                return 2;
            }
            var text = parseResult.GetValue(file) is { } input
                ? await File.ReadAllTextAsync(input.FullName, cancellationToken)
                : await Console.In.ReadToEndAsync(cancellationToken);
            foreach (var line in ModelText(text, vocabulary, code)) await output.WriteLineAsync(line);
            return 0;
        });
        return new Command("text", "Text tools: see lyrics as a model sees them") { normalize };
    }

    /// <summary>One string per input line (a final line ending adds none): the sung line's tokens, or empty.</summary>
    public static IEnumerable<string> ModelText(string text, Vocabulary vocabulary, string? language)
    {
        if (text.Length == 0) yield break;
        var parsed = LyricsParser.Parse(text, vocabulary, language);
        var sung = parsed.Sung.ToDictionary(line => line.SourceLine);
        var delimiter = vocabulary.WordDelimiterId is int id ? vocabulary.TokenOf(id)! : " ";
        var count = LyricsParser.SourceLines(text).Count();
        if (text.EndsWith('\n') || text.EndsWith('\r')) count--;
        for (var sourceLine = 1; sourceLine <= count; sourceLine++)
            yield return sung.TryGetValue(sourceLine, out var line) ? string.Join(delimiter, line.Words.Select(word => string.Concat(word.Tokens))) : "";
    }

    private static Vocabulary VocabularyOf(string? model)
    {
        var settings = CliConfiguration.Load(Console.Error).ModelCatalog();
        var catalog = new ModelCatalog(Microsoft.Extensions.Options.Options.Create(settings));
        var name = model ?? settings.DefaultModel;
        return catalog.Contains(name) ? catalog.VocabularyOf(name)
            : throw new ArgumentException($"unknown model '{name}' in {catalog.Directory}; available: {string.Join(", ", catalog.Names())}");
    }
}
