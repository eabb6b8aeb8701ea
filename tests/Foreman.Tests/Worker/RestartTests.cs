using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Foreman.Emissions;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Worker;

/// <summary>Operators kill the process at any moment; every accepted job must still complete, once.</summary>
public class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillNineMidInference_RestartCompletesEveryJobExactlyOnce()
    {
        using var dataDir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Foreman__DataDir"] = dataDir.Path,
            ["Foreman__ModelsDir"] = RepositoryPaths.ModelsDir,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var song = Path.Combine(RepositoryPaths.BenchSongsDir, "dev_00.mp3");
        var lyrics = await File.ReadAllTextAsync(Path.ChangeExtension(song, ".txt"), Ct);
        var audio = await File.ReadAllBytesAsync(song, Ct);
        var ids = new List<string>();

        await using (var first = await ForemanProcess.StartAsync(environment, Ct))
        {
            for (var i = 0; i < 30; i++)
            {
                using var response = await first.Client.PostAsync("/api/v1/jobs", Submit.Form(audio, lyrics, audioFileName: "song.mp3"), Ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
            }
            await WaitForAsync(async () => await CountAsync(first.Client, "done") >= 2 && await CountAsync(first.Client, "working") == 1, TimeSpan.FromSeconds(90));
            first.KillHard();
        }

        var database = new SqliteDatabase(Path.Combine(dataDir.Path, "foreman.db"));
        using (var connection = database.Open())
        {
            var running = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs WHERE state IN ('loading', 'working')");
            Assert.Equal(1, running); // the kill landed mid-job
        }

        await using (var second = await ForemanProcess.StartAsync(environment, Ct))
        {
            await WaitForAsync(async () => await CountAsync(second.Client, "done") == 30, TimeSpan.FromSeconds(180));
        }

        using (var connection = database.Open())
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM jobs WHERE state <> 'done'"));
            var doneEvents = connection.Query<(string JobId, long Count)>(
                "SELECT job_id, COUNT(*) FROM job_events WHERE state = 'done' GROUP BY job_id").ToDictionary(r => r.JobId, r => r.Count);
            Assert.Equal(ids.Order(), doneEvents.Keys.Order());
            Assert.All(doneEvents.Values, count => Assert.Equal(1, count));
            var rescued = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM job_events WHERE state = 'queued' AND error LIKE '%stopped during attempt%'");
            Assert.Equal(1, rescued);
            var vocabulary = Foreman.Emissions.Vocabulary.Load(Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en", "vocab.json"));
            var lines = Foreman.Alignment.Text.LyricsParser.Parse(lyrics, vocabulary).Lines.Count;
            foreach (var result in connection.Query<string>("SELECT result_json FROM jobs"))
                Assert.Equal(lines, Foreman.Alignment.AlignmentResultJson.Deserialize(result).Lines.Count);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task JobThatKillsItsProcessTwice_FailsAsCrashedWorker_OtherJobsRun()
    {
        using var dataDir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Foreman__DataDir"] = dataDir.Path,
            ["Foreman__ModelsDir"] = RepositoryPaths.ModelsDir,
            ["Foreman__Worker__MaxCrashes"] = "2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        string poison, other;
        await using (var first = await ForemanProcess.StartAsync(environment, Ct))
        {
            // Long enough that the kill lands while it runs; the short job waits behind it.
            poison = await SubmitAsync(first.Client, TestAudio.ToneWav(seconds: 240), "la la la");
            other = await SubmitAsync(first.Client, TestAudio.ToneWav(seconds: 2), "la la");
            await KillWhileWorkingAsync(first, poison);
        }
        await using (var second = await ForemanProcess.StartAsync(environment, Ct))
        {
            await KillWhileWorkingAsync(second, poison); // taken back once: it runs again, and takes the process down again
        }
        await using (var third = await ForemanProcess.StartAsync(environment, Ct))
        {
            await WaitForAsync(async () => await StateAsync(third.Client, other) == "done", TimeSpan.FromSeconds(120));
            var job = await third.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{poison}", Ct);
            Assert.Equal("failed", job.GetProperty("state").GetString());
            Assert.StartsWith("crashed_worker: ", job.GetProperty("last_error").GetString());
            Assert.Contains("foreman_job_failures_total{reason=\"crashed_worker\"} 1", await third.Client.GetStringAsync("/metrics", Ct));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<string> SubmitAsync(HttpClient client, byte[] audio, string lyrics)
    {
        using var response = await client.PostAsync("/api/v1/jobs", Submit.Form(audio, lyrics), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<string?> StateAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}", Ct)).GetProperty("state").GetString();

    private static async Task KillWhileWorkingAsync(ForemanProcess process, string id)
    {
        await WaitForAsync(async () => await StateAsync(process.Client, id) == "working", TimeSpan.FromSeconds(90));
        process.KillHard();
    }

    private static async Task<int> CountAsync(HttpClient client, string state)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs?state={state}&limit=500", Ct);
        return page.GetProperty("jobs").GetArrayLength();
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) => Eventually.TrueAsync(condition, "the restarted server", Ct, timeout);
}
