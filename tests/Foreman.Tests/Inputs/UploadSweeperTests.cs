using System.Net;
using Foreman.Inputs;
using Foreman.Queue;
using Foreman.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Inputs;

/// <summary>Upload files nothing will read are removed: what a kill leaves, and audio whose job row never came.</summary>
public class UploadSweeperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> NoWorker = new()
    {
        ["Foreman:Worker:Enabled"] = "false",
        ["Foreman:Models:EagerLoadDefault"] = "false",
    };

    [Fact]
    public async Task Start_StalePartialsAndOrphanAudio_SweptWhileJobsAudioAndFreshUploadsStay()
    {
        var dataDir = new TempDirectory();
        var uploads = Directory.CreateDirectory(Path.Combine(dataDir.Path, "uploads")).FullName;
        var stale = DateTime.UtcNow - TimeSpan.FromHours(2);
        // What kills left: an upload cut short, a fetch cut short, audio whose job insert never happened.
        string[] leftovers = ["01KILLED0000000000000000.partial", "01KILLED0000000000000001.1f2e3d.partial", "01ORPHAN0000000000000000.audio"];
        foreach (var name in leftovers)
        {
            await File.WriteAllBytesAsync(Path.Combine(uploads, name), [1, 2, 3], Ct);
            File.SetLastWriteTimeUtc(Path.Combine(uploads, name), stale);
        }
        var uploading = Path.Combine(uploads, "01UPLOADING0000000000000.partial"); // being written right now
        await File.WriteAllBytesAsync(uploading, [1], Ct);

        await using var app = await ForemanApplication.StartAsync(NoWorker, dataDir: dataDir);
        await Eventually.TrueAsync(() => Task.FromResult(leftovers.All(name => !File.Exists(Path.Combine(uploads, name)))), "the start-up sweep", Ct);
        Assert.True(File.Exists(uploading));

        // A queued job's audio is never swept, however old.
        using var submitted = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la la"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var jobAudio = Assert.Single(Directory.GetFiles(uploads, "*.audio"));
        File.SetLastWriteTimeUtc(jobAudio, stale);
        Assert.Empty(app.Get<UploadSweeper>().Sweep());
        Assert.True(File.Exists(jobAudio));
    }

    [Fact]
    public async Task Submit_JobInsertFails_UploadDeleted()
    {
        await using var app = await ProbeApplication.StartAsync();
        await using (var connection = new SqliteConnection($"Data Source={app.Get<IOptions<StorageOptions>>().Value.DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using var refuse = connection.CreateCommand();
            refuse.CommandText = "CREATE TRIGGER refuse_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
            await refuse.ExecuteNonQueryAsync(Ct);
        }

        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la la"), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(Directory.GetFiles(app.UploadsDir));
    }
}
