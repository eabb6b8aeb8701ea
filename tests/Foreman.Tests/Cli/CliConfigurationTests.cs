using Foreman.Cli;
using Microsoft.Extensions.Configuration;

namespace Foreman.Tests.Cli;

public sealed class CliConfigurationTests
{
    [Fact]
    public void Alignment_BindsScoringAndOffsets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Foreman:Alignment:Scoring:StrayLetterPenalty"] = "3.5",
            ["Foreman:Alignment:Scoring:FreeBreakSeconds"] = "4",
            ["Foreman:Alignment:StartOffsetFrames"] = "-1",
        }).Build();

        var alignment = configuration.Alignment();

        Assert.Equal(3.5f, alignment.Scoring.StrayLetterPenalty);
        Assert.Equal(4, alignment.Scoring.FreeBreakSeconds);
        Assert.Equal(-1, alignment.StartOffsetFrames);
        Assert.Equal(0.06f, alignment.Scoring.LineBlankPenalty); // unset keys keep their defaults
    }

    [Fact]
    public void WithLegacyNames_OldNameInUse_WarnsAndStillApplies()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alignment:Scoring:StrayLetterPenalty"] = "3",
            ["Inference:Device"] = "cpu",
            ["Foreman:Inference:Device"] = "auto",
        });
        var warnings = new StringWriter();

        CliConfiguration.WithLegacyNames(configuration, warnings);

        Assert.Equal(3f, configuration.Alignment().Scoring.StrayLetterPenalty);
        Assert.Equal(
            "warning: setting Alignment:Scoring:StrayLetterPenalty is deprecated: set Foreman:Alignment:Scoring:StrayLetterPenalty instead (the old name still works)" + Environment.NewLine,
            warnings.ToString()); // the new name set for the device wins, so its old name goes unused and unnamed
    }

    [Fact]
    public void Alignment_InvalidValue_ThrowsNamingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Foreman:Alignment:Scoring:OnsetBlankPenalty"] = "-1",
        }).Build();

        var error = Assert.Throws<ArgumentException>(configuration.Alignment);
        Assert.Contains("OnsetBlankPenalty", error.Message);
    }
}
