using Foreman.Bench;
using Foreman.Diagnostics;
using Foreman.Worker;

namespace Foreman.Tests.Bench;

public class PipelineFiguresTests
{
    [Fact]
    public void From_TwoScrapes_PhaseGrowthSharesAndRates()
    {
        var metrics = new ForemanMetrics();
        _ = new BusyClock(metrics.WorkerBusy, TimeProvider.System); // every phase at zero, as a fresh server shows them
        metrics.WorkerBusy.Add(WorkerPhase.Inference, TimeSpan.FromSeconds(10));
        metrics.WorkerBusy.Add(WorkerPhase.Decode, TimeSpan.FromSeconds(3));
        var before = Scrape(metrics);
        // The run: 54 s of inference, 1.5 s decoding, 0.5 s waiting on the prefetch, 4 s of the rest.
        metrics.WorkerBusy.Add(WorkerPhase.Inference, TimeSpan.FromSeconds(54));
        metrics.WorkerBusy.Add(WorkerPhase.Decode, TimeSpan.FromSeconds(1.5));
        metrics.WorkerBusy.Add(WorkerPhase.InputWait, TimeSpan.FromSeconds(0.5));
        metrics.WorkerBusy.Add(WorkerPhase.Claim, TimeSpan.FromSeconds(1));
        metrics.WorkerBusy.Add(WorkerPhase.Complete, TimeSpan.FromSeconds(3));

        var figures = PipelineFigures.From(before, Scrape(metrics), songs: 20, wall: TimeSpan.FromSeconds(80));

        Assert.Equal(15.0, figures.SongsPerMinute, 9);
        Assert.Equal(60.0, figures.Busy, 9);
        Assert.Equal(0.9, figures.InferenceShare, 9);
        Assert.Equal(0.05, figures.Share(WorkerPhase.Complete), 9);
        Assert.Equal(0, figures.Share(WorkerPhase.ModelLoad));
        Assert.Equal(2.0, figures.InputWait, 9);
        Assert.Equal(20.0, figures.Idle, 9);
        Assert.Equal(0.75, figures.Utilisation, 9);
    }

    [Fact]
    public void From_WorkerNeverBusy_ZeroSharesNotDivisionByZero()
    {
        var scrape = MetricsScrape.Parse("");

        var figures = PipelineFigures.From(scrape, scrape, songs: 0, wall: TimeSpan.Zero);

        Assert.Equal(0, figures.InferenceShare);
        Assert.Equal(0, figures.SongsPerMinute);
        Assert.Equal(0, figures.Utilisation);
    }

    [Fact]
    public void Parse_PrometheusText_LabelsWithEscapesHistogramsAndUnlabelledSamples()
    {
        var text = new PrometheusText();
        text.Gauge("foreman_build_info", "Version.", 1, ("version", "1.0 \"rc\\1\""), ("node", "a,b=c"));
        text.Gauge("foreman_queue_depth", "Jobs waiting.", 7);
        var histogram = new MetricHistogram("foreman_job_run_seconds", "Run.", [1, 10]);
        histogram.Observe(0.5);
        histogram.Observe(20);
        histogram.WriteTo(text);

        var scrape = MetricsScrape.Parse(text.ToString());

        Assert.Equal(1, scrape.Value("foreman_build_info", ("version", "1.0 \"rc\\1\""), ("node", "a,b=c")));
        Assert.Equal(7, scrape.Value("foreman_queue_depth"));
        Assert.Equal(2, scrape.Value("foreman_job_run_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(1, scrape.Value("foreman_job_run_seconds_bucket", ("le", "1")));
        Assert.Equal(20.5, scrape.Value("foreman_job_run_seconds_sum"));
        Assert.Equal(0, scrape.Value("foreman_absent"));
    }

    private static MetricsScrape Scrape(ForemanMetrics metrics)
    {
        var text = new PrometheusText();
        metrics.WriteTo(text);
        return MetricsScrape.Parse(text.ToString());
    }
}
