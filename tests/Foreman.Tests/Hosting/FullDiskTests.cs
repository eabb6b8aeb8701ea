using System.Net;
using Foreman.Queue;
using Foreman.Tests.Api;
using Foreman.Tests.Support;

namespace Foreman.Tests.Hosting;

/// <summary>A full disk, for real (a small tmpfs as the data directory), through the real host and worker.</summary>
public class FullDiskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullDisk_UploadsAnd507_NoMaskedCause_NothingStuckOrLeftOnceSpaceReturns()
    {
        using var disk = SmallFilesystem.MountOrSkip(megabytes: 32);
        var running = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var loader = new ProbeModelLoader
        {
            FailOn = n =>
            {
                if (n != 1) return null;
                running.Release();
                release.Wait(TimeSpan.FromSeconds(60)); // the first job is mid-inference while the disk fills up
                return null;
            },
        };
        await using var app = await ProbeApplication.StartAsync(runWorker: true, loader: loader, settings: new Dictionary<string, string?>
        {
            ["Foreman:DataDir"] = disk.Path,
            ["Foreman:Queue:LeaseDuration"] = "00:00:02",
            ["Foreman:Queue:HeartbeatInterval"] = "00:00:00.500",
        });
        var running1 = await app.SubmitAsync();
        Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(30), Ct), "the first job did not start");

        disk.Fill();

        // An upload that cannot be stored: 507 with Retry-After, and no half-written file.
        using (var upload = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(seconds: 2), "la"), Ct))
        {
            await JobsApiTests.AssertProblem(upload, HttpStatusCode.InsufficientStorage, "storage is full");
            Assert.NotNull(upload.Headers.RetryAfter);
        }
        Assert.Empty(Directory.GetFiles(app.UploadsDir, "*.partial"));

        // A database write that cannot be stored names its cause: 507 too, not a 500 with "no transaction is active".
        using (var row = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(null, "la", audioUrl: "https://example.com/a.wav"), Ct))
            await JobsApiTests.AssertProblem(row, HttpStatusCode.InsufficientStorage, "storage is full");

        // The first job finishes inference, but its outcome cannot be written; readiness says why.
        release.Set();
        await Eventually.TrueAsync(async () => (await ReadyAsync(app)).Contains("storage is full"),
            "readiness to name the full disk", Ct);

        disk.Free();

        // Nothing stays working past its lease (the process's own included), and readiness recovers by itself.
        await Eventually.TrueAsync(() => Task.FromResult(app.Store.Get(running1)!.JobState == JobState.Done), "the first job to be done", Ct, TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () => (await ReadyAsync(app)).Contains("\"ready\""), "readiness", Ct);
        Assert.Equal(0, app.Store.CountByState()[JobState.Working]);
        Assert.Empty(Directory.GetFiles(app.UploadsDir)); // the done job's audio went with it; no orphan, no .partial

        // And submits work again.
        var after = await app.SubmitAsync();
        await Eventually.TrueAsync(() => Task.FromResult(app.Store.Get(after)!.JobState == JobState.Done), "a job after the disk was freed", Ct);
    }

    private static async Task<string> ReadyAsync(ProbeApplication app)
    {
        using var response = await app.Client.GetAsync("/health/ready", Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
