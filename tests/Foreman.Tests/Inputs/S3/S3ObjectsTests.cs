using Foreman.Inputs;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Inputs.S3;

/// <summary>s3:// inputs against a real S3-compatible server (s3rver), through the real host and worker.</summary>
public class S3ObjectsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ProbeApplication> StartAsync(int port, string accessKey = S3rverProcess.AccessKey)
    {
        var settings = S3rverProcess.Settings(port, accessKey);
        settings["Foreman:Inputs:FetchRetries"] = "1";
        settings["Foreman:Inputs:FetchRetryDelay"] = "00:00:00";
        return ProbeApplication.StartAsync(settings: settings);
    }

    [Fact]
    public async Task Download_ObjectExists_JobDoneAndNoTempFileLeft()
    {
        await using var s3 = await S3rverProcess.StartAsync(cancellationToken: Ct);
        await s3.PutAsync("songs/first song.wav", TestAudio.ToneWav(), Ct);
        await using var app = await StartAsync(s3.Port);

        var id = await app.SubmitAsync(audioUrl: "s3://audio/songs/first%20song.wav", lyrics: "one\ntwo");
        Assert.Equal(1, await app.DrainAsync());

        var job = app.Store.Get(id)!;
        Assert.True(job.JobState == JobState.Done, job.LastError);
        Assert.Equal(1, job.Attempt);
        Assert.Empty(Directory.GetFiles(app.UploadsDir)); // the fetched audio went with the done job, no .partial left
        // No instance-metadata probing unless configured (Foreman:S3:UseInstanceMetadata).
        Assert.Equal("true", Environment.GetEnvironmentVariable(Foreman.Inputs.S3.S3Objects.ImdsDisabledVariable));
    }

    [Fact]
    public async Task Download_MissingKey_FailsAtOnceWithClearMessage()
    {
        await using var s3 = await S3rverProcess.StartAsync(cancellationToken: Ct);
        await using var app = await StartAsync(s3.Port);

        var id = await app.SubmitAsync(audioUrl: "s3://audio/missing.wav");
        await app.DrainAsync();

        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Equal(0, job.Attempt); // failed by the input stage: the worker never claimed it
        Assert.Contains("s3://audio/missing.wav does not exist (404", job.LastError);
        Assert.Equal(["queued", "failed"], app.Store.Events(id).Select(e => e.State));
    }

    [Fact]
    public async Task Download_UnknownAccessKey_FailsAsDenied()
    {
        await using var s3 = await S3rverProcess.StartAsync(cancellationToken: Ct);
        await s3.PutAsync("a.wav", TestAudio.ToneWav(), Ct);
        await using var app = await StartAsync(s3.Port, accessKey: "NOT-A-KEY");

        var id = await app.SubmitAsync(audioUrl: "s3://audio/a.wav");
        await app.DrainAsync();

        var job = app.Store.Get(id)!;
        Assert.Equal(JobState.Failed, job.JobState);
        Assert.Contains("access to s3://audio/a.wav is denied (403", job.LastError);
    }

    [Fact]
    public async Task Download_ServerDownThenUp_JobRetriesAndCompletes()
    {
        var port = ForemanProcess.FreePort();
        await using var app = await StartAsync(port);
        var id = await app.SubmitAsync(audioUrl: "s3://audio/late.wav");

        await app.Get<Foreman.Worker.InputStage>().FetchPendingAsync(Ct);
        Assert.False(await app.Worker.RunOnceAsync(Ct)); // its audio is not there: the worker has nothing to claim
        var waiting = app.Store.Get(id)!;
        Assert.Equal(JobState.Queued, waiting.JobState);
        Assert.Equal(0, waiting.Attempt);

        await using var s3 = await S3rverProcess.StartAsync(port, Ct);
        await s3.PutAsync("late.wav", TestAudio.ToneWav(), Ct);
        app.Time!.Advance(TimeSpan.FromMinutes(5)); // past the job's backoff
        await app.DrainAsync();

        var job = app.Store.Get(id)!;
        Assert.True(job.JobState == JobState.Done, job.LastError);
        Assert.Equal(1, job.Attempt);
        Assert.Single(app.Store.List(null, null, null, 10));
    }
}
