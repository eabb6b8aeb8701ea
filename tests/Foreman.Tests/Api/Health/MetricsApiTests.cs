using System.Diagnostics;
using System.Text.Json;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

public class MetricsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_ParseWithPrometheusParser_AndCountersMoveAsJobsRun()
    {
        await using var app = await ProbeApplication.StartAsync();
        var before = PrometheusParser.Parse(await app.Client.GetStringAsync("/metrics", Ct));
        Assert.Equal(0, before.Sum("foreman_jobs_finished_total", "state", "done"));

        await app.SubmitAsync("a");
        await app.SubmitAsync("b");
        var queued = PrometheusParser.Parse(await app.Client.GetStringAsync("/metrics", Ct));
        Assert.Equal(2, queued.Value("foreman_queue_depth"));
        Assert.Equal(2, queued.Value("foreman_jobs", ("state", "queued")));

        await app.DrainAsync();
        var after = PrometheusParser.Parse(await app.Client.GetStringAsync("/metrics", Ct));
        Assert.Equal(2, after.Sum("foreman_jobs_finished_total", "state", "done"));
        Assert.Equal(0, after.Value("foreman_queue_depth"));
        Assert.Equal(1, after.Value("foreman_model_loads_total", ("model", "a")));
        Assert.Equal(1, after.Value("foreman_model_swaps_total", ("model", "b")));
        Assert.Equal(1, after.Value("foreman_model_resident", ("model", "b")));
        Assert.Equal(2, after.Value("foreman_job_run_seconds_count"));
        Assert.Equal(2, after.Value("foreman_job_wait_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(1, after.Value("foreman_model_state", ("model", "b"), ("state", "ready")));
    }
}

/// <summary>
/// Parses Prometheus text with the reference parser (python3-prometheus-client's text_string_to_metric_families),
/// so the exposition format is checked by a real consumer rather than by string matching.
/// </summary>
internal sealed class PrometheusParser
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples;

    private PrometheusParser(List<(string, Dictionary<string, string>, double)> samples) => _samples = samples;

    public static PrometheusParser Parse(string text)
    {
        const string script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(sys.stdin.read()):
                for s in family.samples:
                    out.append({"name": s.name, "labels": s.labels, "value": s.value, "type": family.type})
            print(json.dumps(out))
            """;
        var info = new ProcessStartInfo("/usr/bin/python3", ["-c", script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the Prometheus parser rejected the metrics: {error}\n{text}");
        var samples = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(s => (
            s.GetProperty("name").GetString()!,
            s.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            s.GetProperty("value").GetDouble())).ToList();
        return new PrometheusParser(samples);
    }

    public double Value(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value)).Select(s => s.Value).DefaultIfEmpty(0).Sum();

    public double Sum(string name, string label, string value) => Value(name, (label, value));
}
