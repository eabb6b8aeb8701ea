using System.Globalization;
using System.Text;

namespace Foreman.Diagnostics;

/// <summary>Writes the Prometheus text exposition format (version 0.0.4).</summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public void Header(string name, string type, string help) =>
        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n')
             .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    public void Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    /// <summary>A gauge with one sample per labelled value (or one unlabelled sample).</summary>
    public void Gauge(string name, string help, double value, params (string Name, string Value)[] labels)
    {
        Header(name, "gauge", help);
        Sample(name, value, labels);
    }

    public override string ToString() => _text.ToString();

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
