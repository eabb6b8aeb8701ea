using System.Text.RegularExpressions;
using Foreman.Bench;

namespace Foreman.Tests.Bench;

public sealed class QueueComparisonTests
{
    [Fact]
    public async Task Compare_Hangfire_PrintsBothSystemsAndEndsWithTheRatioLine()
    {
        using var output = new StringWriter();
        var options = new QueueBenchmarkOptions(Jobs: 300, LatencyJobs: 20, Database: "sqlite", Connection: null, Nodes: 1, Models: 1,
            Compare: "hangfire", PeerJobs: 100);

        var exitCode = await QueueBenchmark.RunAsync(options, output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Matches(@"^foreman\s+sqlite\s+300\s+[\d,]+\s+20\s+\d+\.\d\d\s+\d+\.\d\d$", Assert.Single(lines, l => l.StartsWith("foreman ")));
        Assert.Matches(@"^hangfire\s+sqlite\s+100\s+[\d,]+\s+10\s+\d+\.\d\d\s+\d+\.\d\d$", Assert.Single(lines, l => l.StartsWith("hangfire ")));
        var ratio = Regex.Match(lines[^1], @"^ratio foreman/hangfire-sqlite=(\d+\.\d\d)$");
        Assert.True(ratio.Success, lines[^1]);
        Assert.True(double.Parse(ratio.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
