using Foreman.Cli;
using Microsoft.Extensions.Configuration;

namespace Foreman.Tests.Cli;

public sealed class LegacySettingNamesTests
{
    [Fact]
    public void Apply_OldNameOnly_IsReadUnderTheNewNameAndReported()
    {
        var configuration = Configuration(new() { ["Inference:Device"] = "cpu", ["Alignment:Scoring:FreeBreakSeconds"] = "4" });

        var moved = LegacySettingNames.Apply(configuration);

        Assert.Equal(["Alignment:Scoring:FreeBreakSeconds", "Inference:Device"], moved);
        Assert.Equal("cpu", configuration["Foreman:Inference:Device"]);
        Assert.Equal(4, configuration.Alignment().Scoring.FreeBreakSeconds);
    }

    [Fact]
    public void Apply_BothNames_TheNewNameWinsAndNothingIsReported()
    {
        var configuration = Configuration(new() { ["Inference:Device"] = "cuda", ["Foreman:Inference:Device"] = "cpu" });

        var moved = LegacySettingNames.Apply(configuration);

        Assert.Empty(moved);
        Assert.Equal("cpu", configuration["Foreman:Inference:Device"]);
    }

    [Fact]
    public void Apply_NoOldNames_AddsNothing()
    {
        var configuration = Configuration(new() { ["Foreman:DataDir"] = "/tmp/x" });

        Assert.Empty(LegacySettingNames.Apply(configuration));
        Assert.Null(configuration["Foreman:Inference:Device"]);
    }

    private static ConfigurationManager Configuration(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        return configuration;
    }
}
