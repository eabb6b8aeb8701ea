using System.Globalization;
using System.Text.RegularExpressions;
using Foreman.Alignment;
using Foreman.Alignment.Formats;

namespace Foreman.Tests.Alignment.Formats;

public sealed partial class TextGridWriterTests
{
    public static TheoryData<string> Results => ["sample", "overlapping", "past end", "empty"];

    private static AlignmentResult Result(string name) => name switch
    {
        "sample" => SampleAlignment.Result,
        "overlapping" => new AlignmentResult("m", 5, [new AlignedLine("a b", 1, 3, 1, [new AlignedWord("a", 1, 2.5, 1), new AlignedWord("b", 2, 3, 1)])]),
        "past end" => new AlignmentResult("m", 2, [new AlignedLine("a", 1, 2.5, 1, [new AlignedWord("a", 1, 2.5, 1)])]),
        _ => new AlignmentResult("m", 0, []),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void Write_Result_IntervalsTileEachTier(string name)
    {
        var grid = TextGridWriter.Write(Result(name));
        var xmax = Seconds(GridXmax().Match(grid).Groups[1].Value);
        var tiers = grid.Split("class = \"IntervalTier\"")[1..];

        Assert.Equal(2, tiers.Length);
        foreach (var tier in tiers)
        {
            var intervals = Interval().Matches(tier).Select(m => (Start: Seconds(m.Groups[1].Value), End: Seconds(m.Groups[2].Value))).ToList();
            Assert.Equal(0m, intervals[0].Start);
            Assert.Equal(xmax, intervals[^1].End);
            Assert.All(intervals, i => Assert.True(i.Start < i.End));
            Assert.All(intervals.Zip(intervals.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
            Assert.Contains($"intervals: size = {intervals.Count} ", tier);
        }
    }

    [Fact]
    public void Write_Quotes_Doubled() =>
        Assert.Contains("text = \"say \"\"hi\"\"\" ", TextGridWriter.Write(new AlignmentResult("m", 2, [new AlignedLine("say \"hi\"", 0, 1, 1, [])])));

    private static decimal Seconds(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^xmin = 0 \nxmax = ([\d.]+) \n", RegexOptions.Multiline)]
    private static partial Regex GridXmax();

    [GeneratedRegex(@"intervals \[\d+\]:\n +xmin = ([\d.]+) \n +xmax = ([\d.]+) \n")]
    private static partial Regex Interval();
}
