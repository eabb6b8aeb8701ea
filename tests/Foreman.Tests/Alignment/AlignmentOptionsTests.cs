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

    [Fact]
    public void ToSearchLimits_CarriesTheSettings()
    {
        var options = new AlignmentOptions { BackpointerBudgetBytes = 2 << 20, ExactSearchCells = 1000, SearchBandStates = 300 };

        Assert.Equal(new SearchLimits(2 << 20, 1000, 300), options.ToSearchLimits());
    }
}
