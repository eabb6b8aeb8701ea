using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary><c>Foreman:MaxQueued</c> and the <c>Retry-After</c> of a full queue, on real Kestrel with the probe model.</summary>
public class QueueLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_ThreeHundredFromFiftyClients_NeverExceedsMaxQueued()
    {
        await using var app = await ProbeApplication.StartAsync(kestrel: true, settings: new Dictionary<string, string?> { ["Foreman:MaxQueued"] = "50" });
        // Compressed audio, as clients send: ffprobe checks it between the submit's look at the queue and its insert.
        var audio = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.BenchSongsDir, "dev_11.ogg"), Ct);
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var next = -1;
        var clients = Enumerable.Range(0, 50).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < 300)
            {
                using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(audio, "la la", audioFileName: "song.ogg"), Ct);
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            }
        });
        await Task.WhenAll(clients);

        Assert.Equal(50, app.Store.CountQueued());
        Assert.Equal(50, statuses[HttpStatusCode.Accepted]);
        Assert.Equal(250, statuses[HttpStatusCode.ServiceUnavailable]);
        Assert.Equal(50, Directory.GetFiles(app.UploadsDir).Length); // a refused upload leaves no file
    }

    [Fact]
    public async Task QueueFull_RetryAfter_IsWithinThreeTimesOfTheRealDrainTime()
    {
        var loader = new ProbeModelLoader { AlignDuration = TimeSpan.FromMilliseconds(100) };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, kestrel: true, loader: loader,
            settings: new Dictionary<string, string?> { ["Foreman:MaxQueued"] = "30" });
        var audio = TestAudio.ToneWav(seconds: 0.2);

        // Keep the queue topped up for a few seconds while the worker drains it, as a busy server's would be (several
        // submitters, so it stays full on a loaded machine too); then the next refusal's advice is compared with the
        // time the full queue really takes to drain.
        async Task<HttpResponseMessage> SubmitAsync() => await app.Client.PostAsync("/api/v1/jobs", Submit.Form(audio, "la la"), Ct);
        using var stop = new CancellationTokenSource();
        var fillers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await SubmitAsync();
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) await Task.Delay(20, Ct);
                else Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(4), Ct);
        long retryAfter;
        while (true)
        {
            using var response = await SubmitAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) continue;
            retryAfter = long.Parse(response.Headers.GetValues("Retry-After").Single());
            break;
        }
        // Timed from the refusal: on a loaded machine the fillers' last submits can take longer than the drain itself,
        // and a clock started after them saw an empty queue. At most one more job per filler lands after it.
        var drain = Stopwatch.StartNew();
        await stop.CancelAsync();
        await Task.WhenAll(fillers);
        await Eventually.TrueAsync(() => Task.FromResult(app.Store.CountQueued() == 0), "the queue drained", Ct, TimeSpan.FromMinutes(2));
        var drained = drain.Elapsed.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"Retry-After {retryAfter} s; the queue drained in {drained:F1} s");
        Assert.InRange(retryAfter, drained / 3, drained * 3);
    }
}
