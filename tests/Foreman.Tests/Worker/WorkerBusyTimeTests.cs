using System.Net;
using Foreman.Diagnostics;
using Foreman.Queue;
using Foreman.Tests.Api;
using Foreman.Tests.Support;
using Foreman.Worker;

namespace Foreman.Tests.Worker;

/// <summary>
/// foreman_worker_busy_seconds_total{phase}: the worker's busy wall time, claim to outcome, split by what it waited on,
/// read from the clock the worker is given.
/// </summary>
public class WorkerBusyTimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunOnce_ClockMovesDuringLoadAndInference_EachStepCountsInItsPhaseOnly()
    {
        ProbeApplication? started = null;
        var loader = new ProbeModelLoader
        {
            FailLoad = _ =>
            {
                started!.Time!.Advance(TimeSpan.FromSeconds(2));
                return null;
            },
            FailOn = _ =>
            {
                started!.Time!.Advance(TimeSpan.FromSeconds(5));
                return null;
            },
        };
        await using var app = started = await ProbeApplication.StartAsync(loader: loader);
        await app.SubmitAsync();

        Assert.Equal(1, await app.DrainAsync());
        app.Time!.Advance(TimeSpan.FromMinutes(1)); // idle between jobs: no phase's
        Assert.False(await app.Worker.RunOnceAsync(Ct));

        var busy = app.Get<ForemanMetrics>().WorkerBusy;
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Value(WorkerPhase.ModelLoad));
        Assert.Equal(TimeSpan.FromSeconds(5), busy.Value(WorkerPhase.Inference));
        Assert.All(new[] { WorkerPhase.Claim, WorkerPhase.Decode, WorkerPhase.InputWait, WorkerPhase.Complete },
            phase => Assert.Equal(TimeSpan.Zero, busy.Value(phase)));
    }

    [Fact]
    public async Task Metrics_RealSongThroughRealHost_BusySecondsGrowByPhase()
    {
        await using var app = await ForemanApplication.StartAsync();
        var before = PrometheusParser.Parse(await app.Client.GetStringAsync("/metrics", Ct));
        Assert.All(WorkerPhase.All, phase => Assert.True(before.HasSample("foreman_worker_busy_seconds_total", ("phase", phase)), $"no {phase} series"));
        Assert.Equal(0, before.Value("foreman_worker_busy_seconds_total"));

        var song = Path.Combine(RepositoryPaths.BenchSongsDir, "dev_00");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await app.Client.PostAsync("/api/v1/align",
            Submit.Form(await File.ReadAllBytesAsync(song + ".mp3", Ct), await File.ReadAllTextAsync(song + ".txt", Ct), audioFileName: "dev_00.mp3"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The answer goes out as the job's outcome is stored; the worker ends its busy time just after.
        PrometheusParser after = before;
        double Busy(string phase) => after.Value("foreman_worker_busy_seconds_total", ("phase", phase));
        await Eventually.TrueAsync(async () =>
        {
            after = PrometheusParser.Parse(await app.Client.GetStringAsync("/metrics", Ct));
            return Busy(WorkerPhase.Complete) > 0;
        }, "the worker's complete phase is counted", Ct);
        var elapsed = clock.Elapsed.TotalSeconds;
        // One job, the first: the worker decoded its MP3 with ffmpeg itself (nothing was queued to decode ahead).
        Assert.All(new[] { WorkerPhase.Claim, WorkerPhase.Decode, WorkerPhase.Inference, WorkerPhase.Complete }, phase => Assert.True(Busy(phase) > 0, $"{phase} did not grow"));
        Assert.Equal(0, Busy(WorkerPhase.InputWait));
        Assert.InRange(after.Value("foreman_worker_busy_seconds_total"), Busy(WorkerPhase.Inference), elapsed);
        Assert.Equal(1, after.Value("foreman_jobs_finished_total", ("state", "done")));
    }
}
