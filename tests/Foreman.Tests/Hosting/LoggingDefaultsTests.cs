using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Tests.Support;

namespace Foreman.Tests.Hosting;

/// <summary>What an operator reads in the log of a real <c>foreman serve</c> with the shipped defaults.</summary>
public class LoggingDefaultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_DefaultLogging_NoLinesPerRequest_JobLifecycleWithIds()
    {
        using var dataDir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Foreman__DataDir"] = dataDir.Path,
            ["Foreman__ModelsDir"] = RepositoryPaths.ModelsDir,
        };
        await using var foreman = await ForemanProcess.StartAsync(environment, Ct);
        for (var i = 0; i < 5; i++)
        {
            using var live = await foreman.Client.GetAsync("/health/live", Ct);
            using var ready = await foreman.Client.GetAsync("/health/ready", Ct);
        }
        using var response = await foreman.Client.PostAsync("/api/v1/align", Submit.Form(TestAudio.ToneWav(1), "la la"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await foreman.Client.GetFromJsonAsync<JsonElement>("/api/v1/jobs?limit=1", Ct)).GetProperty("jobs")[0].GetProperty("id").GetString();

        var log = foreman.Log;
        Assert.DoesNotContain("Request starting", log);
        Assert.DoesNotContain("Executing endpoint", log);
        Assert.Contains($"Job {id} queued for model", log);
        Assert.Contains($"Job {id} claimed", log);
        Assert.Contains($"Job {id} done", log);
    }
}
