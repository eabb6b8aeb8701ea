using Foreman.Inputs;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Foreman.Tests.Inputs;

public class PrefetchingAudioInputsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Drain_UrlJobs_EveryAudioFetchedOnceBeforeTheWorkerRunsInference()
    {
        var song = TestAudio.ToneWav(seconds: 1);
        var secondServed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(app =>
        {
            // A slow remote host: each file takes a while to arrive.
            app.MapGet("/{name}.wav", async (string name, HttpResponse response) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                await response.Body.WriteAsync(song);
                if (name == "two") secondServed.TrySetResult();
            });
        });
        var thirdRequestsDuringFirstInference = -1;
        // The input stage fetches every queued audio_url ahead of the worker, which claims a job only once its audio is stored.
        var loader = new ProbeModelLoader
        {
            FailOn = n =>
            {
                if (n != 1) return null;
                // Job 1's inference holds the accelerator until job 2's audio has arrived: it can only arrive ahead of the worker.
                Assert.True(secondServed.Task.Wait(TimeSpan.FromSeconds(30)), "job 2 was not fetched before job 1 ran inference");
                thirdRequestsDuringFirstInference = server.Requests("/three.wav");
                return null;
            },
        };
        await using var app = await ProbeApplication.StartAsync(loader: loader, settings: new Dictionary<string, string?>
        {
            ["Foreman:Http:AllowHttp"] = "true",
            ["Foreman:Http:AllowedHosts:0"] = "127.0.0.1",
            ["Foreman:Inputs:Prefetch"] = "1",
        });
        var ids = new List<string>();
        foreach (var name in new[] { "one", "two", "three" }) ids.Add(await app.SubmitAsync(audioUrl: server.Url($"/{name}.wav")));

        Assert.Equal(3, await app.DrainAsync());

        Assert.All(ids, id => Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState));
        Assert.Equal(1, thirdRequestsDuringFirstInference); // fetched ahead, and not again by the worker or the prefetch
        Assert.All(new[] { "one", "two", "three" }, name => Assert.Equal(1, server.Requests($"/{name}.wav")));
    }

    [Fact]
    public async Task Drain_TwoUploads_SecondJobsAudioDecodedWhileTheFirstRuns()
    {
        string? secondAudio = null;
        var decodedAhead = false;
        ProbeApplication? started = null;
        var loader = new ProbeModelLoader
        {
            FailOn = n =>
            {
                if (n != 1) return null;
                // Job 1 holds the accelerator until job 2's audio is decoded, then takes that audio's file away: job 2
                // can only succeed on the samples decoded ahead, never by decoding on the worker's own path.
                var inputs = (PrefetchingAudioInputs)started!.Get<IAudioInputs>();
                decodedAhead = SpinWait.SpinUntil(() => inputs.HasDecoded(new AudioSource(secondAudio, null)), TimeSpan.FromSeconds(60));
                File.Delete(secondAudio!);
                return null;
            },
        };
        await using var app = started = await ProbeApplication.StartAsync(loader: loader);
        var first = await app.SubmitAsync();
        var second = await app.SubmitAsync();
        secondAudio = app.Store.Get(second)!.AudioPath;

        Assert.Equal(2, await app.DrainAsync());

        Assert.True(decodedAhead, "job 2's audio was not decoded while job 1 ran");
        Assert.Equal(JobState.Done, app.Store.Get(first)!.JobState);
        Assert.Equal(JobState.Done, app.Store.Get(second)!.JobState);
    }

    [Fact]
    public async Task Refresh_JobClaimedAheadBeforeItsAudioIsRead_KeepsWhatWasDecodedForIt()
    {
        await using var app = await ProbeApplication.StartAsync();
        var first = app.Store.Get(await app.SubmitAsync())!;
        var second = app.Store.Get(await app.SubmitAsync())!;
        var inputs = (PrefetchingAudioInputs)app.Get<IAudioInputs>();
        var secondAudio = new AudioSource(second.AudioPath, null);

        await inputs.LoadAsync(new AudioSource(first.AudioPath, null), 16000, Ct); // the worker reads job 1: job 2 is decoded ahead
        Assert.True(SpinWait.SpinUntil(() => inputs.HasDecoded(secondAudio), TimeSpan.FromSeconds(60)), "job 2's audio was never decoded ahead");
        // Job 1 completes and job 2 is claimed in the same transaction: job 2 is working before its audio is read.
        app.Store.ClaimNext("a", TimeSpan.FromMinutes(2), "worker", TimeSpan.FromMinutes(1));
        app.Store.ClaimNext("a", TimeSpan.FromMinutes(2), "worker", TimeSpan.FromMinutes(1));
        Assert.Equal(JobState.Working, app.Store.Get(second.Id)!.JobState);

        inputs.Refresh();

        Assert.True(inputs.HasDecoded(secondAudio), "the prefetch dropped job 2's decoded audio");
        Assert.True((await inputs.LoadAsync(secondAudio, 16000, Ct)).DecodedAhead);
    }
}
