using System.CommandLine;
using Foreman.Cli;
using Foreman.Hosting;
using Foreman.Tests.Support;

namespace Foreman.Tests.Cli;

public sealed class TextCommandTests
{
    private static readonly string BundledVocab = Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en", "vocab.json");

    [Fact]
    public async Task Normalize_Lyrics_OneLineOfTokensPerInputLine()
    {
        using var files = new TempDirectory();
        await File.WriteAllTextAsync(files.File("lyrics.txt"), "Don’t stop, it’s 1999!\n[Chorus]\n\n你好 世界\r\nÇa va 😀\n", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await RunAsync("text", "normalize", files.File("lyrics.txt"), "--vocab", BundledVocab);

        Assert.True(exitCode == 0, error);
        Assert.Equal(["DON'T|STOP|IT'S|NINETEEN|NINETY|NINE", "", "", "NI|HAO|SHI|JIE", "CA|VA"], output.Split('\n')[..^1]);
    }

    [Theory]
    [InlineData("fr", "VINGT|ET|UN|EUROS")]
    [InlineData("de", "EINUNDZWANZIG|EURO")]
    public async Task Normalize_Language_SpellsNumbersInIt(string language, string expected)
    {
        using var files = new TempDirectory();
        await File.WriteAllTextAsync(files.File("lyrics.txt"), "€21", TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await RunAsync("text", "normalize", files.File("lyrics.txt"), "--vocab", BundledVocab, "--language", language);

        Assert.Equal(0, exitCode);
        Assert.Equal(expected + "\n", output);
    }

    [Fact]
    public async Task Normalize_UnknownLanguage_Fails()
    {
        var (exitCode, _, error) = await RunAsync("text", "normalize", "--vocab", BundledVocab, "--language", "xx");

        Assert.Equal(2, exitCode);
        Assert.Contains("language 'xx'", error);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ForemanCommands.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
