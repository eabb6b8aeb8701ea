using System.CommandLine;
using Foreman.Bench;

namespace Foreman.Tests.Bench;

public class BenchCommandTests
{
    [Theory]
    [InlineData("load")]
    [InlineData("pipeline")]
    public void Parse_Url_ReadsTheRunningServersAddress(string verb)
    {
        var parsed = BenchCommand.Build().Parse([verb, "--url", "http://127.0.0.1:8080"]);

        Assert.Empty(parsed.Errors);
        var url = parsed.CommandResult.Command.Options.OfType<Option<Uri?>>().Single(o => o.Name == "--url");
        Assert.Equal(new Uri("http://127.0.0.1:8080"), parsed.GetValue(url));
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1/")]
    public void Parse_UrlNotAnHttpAddress_Error(string value)
    {
        var parsed = BenchCommand.Build().Parse(["pipeline", "--url", value]);

        Assert.Contains(parsed.Errors, e => e.Message.Contains("expected an absolute http://", StringComparison.Ordinal));
    }
}
