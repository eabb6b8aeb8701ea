using Foreman.Alignment;
using Foreman.Alignment.Ctc;

namespace Foreman.Tests.Alignment;

public sealed class AlignmentOptionsTests
{
    [Fact]
    public void Validate_SearchLimitsOutOfRange_ListsEveryProblem()
    {
        var options = new AlignmentOptions { ExactSearchCells = -1, SearchBandStates = AlignmentOptions.MinimumBandStates - 1 };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("ExactSearchCells", error.Message);
        Assert.Contains("SearchBandStates", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    [InlineData(double.NaN)]
    public void Validate_ConfidenceWindowOutOfRange_SaysSo(double seconds)
    {
        var options = new AlignmentOptions { ConfidenceWindowSeconds = seconds };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("ConfidenceWindowSeconds must be above 0 and at most 60", error.Message);
    }

    [Fact]
    public void ToSearchLimits_CarriesTheSettings()
    {
        var options = new AlignmentOptions { BackpointerBudgetBytes = 2 << 20, ExactSearchCells = 1000, SearchBandStates = 300 };

        Assert.Equal(new SearchLimits(2 << 20, 1000, 300), options.ToSearchLimits());
    }

    [Theory]
    [InlineData(0f, 1.0)]
    [InlineData(0.15f, 0.5)]
    [InlineData(0.3f, 0.0)]
    [InlineData(0.9f, 0.0)]
    public void QuietCharge_FallsLinearlyFromTheQuietestFrameToQuietShare(float rank, double expected)
    {
        var scoring = new LineScoringOptions { QuietShare = 0.3, QuietLinePenalty = 1f };

        Assert.Equal(expected, scoring.QuietCharge(rank), 5);
    }

    [Fact]
    public void QuietCharge_ShareZero_ChargesNothing()
    {
        var scoring = new LineScoringOptions { QuietShare = 0 };

        Assert.False(scoring.ChargesQuietFrames);
        Assert.Equal(0f, scoring.QuietCharge(0f));
    }

    [Fact]
    public void Validate_QuietSettingsOutOfRange_ListsEveryProblem()
    {
        var scoring = new LineScoringOptions { QuietShare = 1, QuietLinePenalty = -1, LoudnessWindowSeconds = 0 };

        var error = Assert.Throws<ArgumentException>(() => scoring.Validate());

        Assert.Contains("QuietShare", error.Message);
        Assert.Contains("QuietLinePenalty", error.Message);
        Assert.Contains("LoudnessWindowSeconds", error.Message);
    }
}
