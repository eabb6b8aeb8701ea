using System.Globalization;
using System.Text;

namespace Foreman.Bench;

/// <summary>One read of a server's <c>/metrics</c> (Prometheus text format): each sample's value by name and labels.</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples;

    private MetricsScrape(List<(string, IReadOnlyDictionary<string, string>, double)> samples) => _samples = samples;

    public static MetricsScrape Parse(string text)
    {
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var labels = new Dictionary<string, string>();
            var brace = line.IndexOf('{');
            string name;
            int valueAt;
            if (brace < 0)
            {
                valueAt = line.IndexOf(' ');
                name = line[..valueAt];
            }
            else
            {
                name = line[..brace];
                valueAt = ParseLabels(line, brace + 1, labels);
            }
            var value = line[(valueAt + 1)..].Trim().Split(' ')[0];
            samples.Add((name, labels, ParseValue(value)));
        }
        return new MetricsScrape(samples);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every one of <paramref name="labels"/> (0 when none).</summary>
    public double Value(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>Reads <c>a="x",b="y"}</c> from <paramref name="at"/>; returns the index just past the closing brace.</summary>
    private static int ParseLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var label = line[at..equals].Trim(',', ' ');
            var value = new StringBuilder();
            var i = equals + 2; // past ="
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\') value.Append(line[++i] switch { 'n' => '\n', var c => c });
                else value.Append(line[i]);
            }
            labels[label] = value.ToString();
            at = i + 1;
            if (line[at] == ',') at++;
        }
        return at + 1;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };
}
