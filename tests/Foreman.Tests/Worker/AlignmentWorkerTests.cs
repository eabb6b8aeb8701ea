using Foreman.Alignment;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Worker;

public class AlignmentWorkerTests
{
    [Fact]
    public async Task RunOnce_BurstAlternatingModels_LoadsEachModelOnce()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync("a");
        await app.DrainAsync(); // model a is now resident

        var burst = new List<(string Id, string Model)>();
        foreach (var model in new[] { "a", "b", "a", "b", "a", "b", "a", "b" })
            burst.Add((await app.SubmitAsync(model), model));
        Assert.Equal(8, await app.DrainAsync());

        Assert.Equal(["a", "b"], app.Loader.Loads);
        Assert.Equal(["a", "a", "a", "a", "a", "b", "b", "b", "b"], app.Loader.AlignedModels);
        Assert.All(burst, j => Assert.Equal(JobState.Done, app.Store.Get(j.Id)!.JobState));
    }

    [Fact]
    public async Task RunOnce_JobPastAgingLimit_JumpsAheadOfResidentModel()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?> { ["Foreman:Queue:AgingLimit"] = "00:00:01" });
        await app.SubmitAsync("a");
        await app.DrainAsync();
        var oldB = await app.SubmitAsync("b");
        app.Time!.Advance(TimeSpan.FromSeconds(2));
        await app.SubmitAsync("a");

        Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(JobState.Done, app.Store.Get(oldB)!.JobState);
        Assert.Equal(["a", "b"], app.Loader.Loads);
    }

    [Fact]
    public async Task RunOnce_TransientFailureTwice_EndsDoneOnThirdAttempt()
    {
        var loader = new ProbeModelLoader { FailOn = n => n <= 2 ? new IOException("flaky disk") : null };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        var id = await app.SubmitAsync(lyrics: "first line\nsecond line");

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));
            app.Time!.Advance(TimeSpan.FromMinutes(5)); // past any backoff
        }

        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Done, job.JobState);
        Assert.Equal(3, job.Attempt);
        var result = AlignmentResultJson.Deserialize(job.ResultJson!);
        Assert.Equal(["first line", "second line"], result.Lines.Select(l => l.Text));
        Assert.Equal(["queued", "loading", "working", "queued", "working", "queued", "working", "done"], app.Store.Events(id).Select(e => e.State));
    }

    [Fact]
    public async Task RunOnce_TransientFailure_WaitsForBackoff()
    {
        var loader = new ProbeModelLoader { FailOn = n => n == 1 ? new TimeoutException("slow") : null };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        var id = await app.SubmitAsync();
        Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));
        Assert.False(await app.Worker.RunOnceAsync(CancellationToken.None)); // in backoff: not eligible
        app.Time!.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task RunOnce_AlwaysFailing_FailsAfterMaxAttemptsWithLastError()
    {
        var loader = new ProbeModelLoader { FailOn = n => new IOException($"disk error #{n}") };
        await using var app = await ProbeApplication.StartAsync(
            settings: new Dictionary<string, string?> { ["Foreman:Queue:MaxAttempts"] = "4" }, loader: loader);
        var id = await app.SubmitAsync();

        for (var i = 0; i < 10 && !app.Store.Get(id)!.JobState.IsTerminal(); i++)
        {
            await app.Worker.RunOnceAsync(CancellationToken.None);
            app.Time!.Advance(TimeSpan.FromMinutes(5));
        }

        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Equal(4, job.Attempt);
        Assert.Equal(4, job.MaxAttempts);
        Assert.Equal("IOException: disk error #4", job.LastError);
    }

    [Fact]
    public async Task RunOnce_PermanentInputError_FailsAtOnce()
    {
        var loader = new ProbeModelLoader { FailOn = _ => new AlignmentInputException("the audio is too short for the lyrics") };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        var id = await app.SubmitAsync();
        await app.Worker.RunOnceAsync(CancellationToken.None);
        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Equal(1, job.Attempt);
        Assert.Equal("the audio is too short for the lyrics", job.LastError);
    }

    [Fact]
    public async Task RunOnce_MissingUpload_FailsPermanentlyWithoutRetry()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = await app.SubmitAsync();
        File.Delete(app.Store.Get(id)!.AudioPath!);
        await app.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(JobState.Failed, app.Store.Get(id)!.JobState);
    }

    [Fact]
    public async Task RunOnce_BusyQueue_NextJobClaimedWithTheCompletion()
    {
        await using var app = await ProbeApplication.StartAsync();
        var first = await app.SubmitAsync();
        var second = await app.SubmitAsync();
        Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal(JobState.Done, app.Store.Get(first)!.JobState);
        Assert.Equal(JobState.Working, app.Store.Get(second)!.JobState); // claimed by the same transaction
        Assert.True(await app.Worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(JobState.Done, app.Store.Get(second)!.JobState);
        Assert.False(await app.Worker.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunOnce_StoppingWithAJobClaimedAhead_HandsItBackUntouched()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync();
        var second = await app.SubmitAsync();
        await app.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal(JobState.Working, app.Store.Get(second)!.JobState);

        Assert.False(await app.Worker.RunOnceAsync(new CancellationToken(canceled: true)));

        var released = app.Store.Get(second)!;
        Assert.Equal(JobState.Queued, released.JobState);
        Assert.Equal(0, released.Attempt);
        Assert.Equal(1, app.Loader.Aligns);
    }

    [Fact]
    public async Task Worker_StoppedMidInference_LeavesJobQueuedAndUnloadsModel()
    {
        var loader = new ProbeModelLoader { AlignDuration = TimeSpan.FromMinutes(5) };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, loader: loader);
        var id = await app.SubmitAsync();
        await Eventually.TrueAsync(() => Task.FromResult(app.Store.Get(id)!.JobState == JobState.Working), "the job to start", TestContext.Current.CancellationToken);

        await app.Worker.StopAsync(TestContext.Current.CancellationToken);

        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Queued, job.JobState);
        Assert.Equal(0, job.Attempt); // handed back untouched: the next start runs it as if nothing happened
        Assert.Null(job.LeaseOwner);
        Assert.Null(app.Residency.ResidentModel);
        Assert.Equal(1, loader.Unloads);
    }

    [Fact]
    public async Task RunOnce_FailedJobWithKeepAliveZero_StillUnloads()
    {
        var loader = new ProbeModelLoader { FailOn = _ => new AlignmentInputException("no sung line") };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        await app.SubmitAsync(keepAlive: "0");
        await app.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Null(app.Residency.ResidentModel);
    }

    [Fact]
    public async Task RunOnce_Done_DeletesUploadButFailedKeepsIt()
    {
        var loader = new ProbeModelLoader { FailOn = n => n == 2 ? new AlignmentInputException("bad") : null };
        await using var app = await ProbeApplication.StartAsync(loader: loader);
        var done = await app.SubmitAsync();
        var failed = await app.SubmitAsync();
        var doneAudio = app.Store.Get(done)!.AudioPath!;
        var failedAudio = app.Store.Get(failed)!.AudioPath!;
        await app.DrainAsync();
        Assert.False(File.Exists(doneAudio));
        Assert.True(File.Exists(failedAudio)); // kept for an operator retry
    }

    [Fact]
    public async Task RunOnce_DoneJobWhoseAudioIsNotItsUpload_LeavesTheFileAlone()
    {
        // A job row pointing elsewhere (the queue benchmark once pointed at /dev/null) must never cost that file.
        await using var app = await ProbeApplication.StartAsync();
        using var elsewhere = new TempDirectory();
        var audio = elsewhere.File("shared.wav");
        await File.WriteAllBytesAsync(audio, TestAudio.ToneWav(), TestContext.Current.CancellationToken);
        var id = app.Get<JobIds>().Next();
        app.Store.Create(new NewJob(id, "a", "json", audio, null, "la la", null, null, 5, null));

        await app.DrainAsync();

        Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState);
        Assert.True(File.Exists(audio));
    }

    [Fact]
    public async Task RescueAtStartup_JobOnItsLastAttempt_FailsAsLostWorkerInMetrics()
    {
        await using var app = await ProbeApplication.StartAsync();
        var id = app.Get<JobIds>().Next();
        app.Store.Create(new NewJob(id, "a", "json", null, "https://example.com/a.wav", "la", null, null, 1, null));
        app.Store.TryClaim(id, JobState.Working, "a-dead-process", TimeSpan.FromMinutes(1));

        Assert.Equal(1, app.Worker.RescueAtStartup());

        Assert.Equal(JobState.Failed, app.Store.Get(id)!.JobState);
        var metrics = app.Get<Foreman.Diagnostics.ForemanMetrics>();
        Assert.Equal(1, metrics.JobFailures.Value("lost_worker"));
        Assert.Equal(1, metrics.JobsRescued.Value());
    }

    [Fact]
    public async Task RunOnce_KeepAliveZero_UnloadsAfterJob()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync(keepAlive: "0");
        await app.DrainAsync();
        Assert.Null(app.Residency.ResidentModel);
        Assert.Equal(1, app.Loader.Unloads);
    }

    [Fact]
    public async Task RunOnce_KeepAliveElapsedWhileIdle_Unloads()
    {
        await using var app = await ProbeApplication.StartAsync();
        await app.SubmitAsync(keepAlive: "1s");
        await app.DrainAsync();
        Assert.Equal("a", app.Residency.ResidentModel);
        app.Time!.Advance(TimeSpan.FromMilliseconds(999));
        await app.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Equal("a", app.Residency.ResidentModel);
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        await app.Worker.RunOnceAsync(CancellationToken.None);
        Assert.Null(app.Residency.ResidentModel);
    }

    [Fact]
    public async Task Worker_FiftyConcurrentSubmits_RunsInferencesOneAtATime()
    {
        var loader = new ProbeModelLoader { AlignDuration = TimeSpan.FromMilliseconds(3) };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, loader: loader);
        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => app.SubmitAsync(i % 3 == 0 ? "b" : "a")));

        await Eventually.TrueAsync(() => Task.FromResult(ids.All(id => app.Store.Get(id)!.JobState.IsTerminal())), "every job to end",
            TestContext.Current.CancellationToken, TimeSpan.FromSeconds(60));

        Assert.All(ids, id => Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState));
        Assert.Equal(50, loader.Aligns);
        Assert.Equal(1, loader.MaxConcurrent);
    }
}
