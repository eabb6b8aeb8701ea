using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Webhooks;

/// <summary>The outbox survives <c>kill -9</c>: a delivery owed when the process dies is made by the next one, once.</summary>
public class WebhookRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillNineBetweenTheJobsEndAndItsDelivery_RestartDeliversExactlyOnce()
    {
        var receiverUp = 0;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Volatile.Read(ref receiverUp) == 1 ? 200 : 503);
        using var dataDir = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Foreman__DataDir"] = dataDir.Path,
            ["Foreman__ModelsDir"] = RepositoryPaths.ModelsDir,
            ["Foreman__Webhooks__Secret"] = WebhookReceiver.Secret,
            ["Foreman__Webhooks__PollInterval"] = "00:00:00.100",
            ["Foreman__Webhooks__FirstRetryDelay"] = "00:00:00.200",
            ["Foreman__Webhooks__MaxRetryDelay"] = "00:00:00.500",
            ["Foreman__Http__AllowHttp"] = "true",
            ["Foreman__Http__AllowedHosts__0"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var database = new SqliteDatabase(Path.Combine(dataDir.Path, "foreman.db"));
        string id;

        await using (var first = await ForemanProcess.StartAsync(environment, Ct))
        {
            using var response = await first.Client.PostAsync("/api/v1/jobs",
                Submit.Form(TestAudio.ToneWav(seconds: 1), "la la", callbackUrl: receiver.Url), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
            // The job is done and its webhook owed: the receiver refused it at least once.
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count >= 1), "a first, refused delivery", Ct, TimeSpan.FromSeconds(90));
            first.KillHard();
        }
        using (var connection = database.Open())
        {
            Assert.Equal("done", connection.ExecuteScalar<string>("SELECT state FROM jobs WHERE id = @id", new { id }));
            Assert.Equal("pending", connection.ExecuteScalar<string>("SELECT state FROM webhook_deliveries WHERE job_id = @id", new { id }));
        }
        Assert.Empty(receiver.Accepted);

        Volatile.Write(ref receiverUp, 1);
        await using (var second = await ForemanProcess.StartAsync(environment, Ct))
        {
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Accepted.Count == 1), "the delivery after the restart", Ct, TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => Task.FromResult(DeliveryState(database, id) == "delivered"), "the delivery to be recorded", Ct);
            second.KillHard();
        }

        // Delivered survives a kill too: a third process sends nothing more.
        await using (var third = await ForemanProcess.StartAsync(environment, Ct))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
        var accepted = Assert.Single(receiver.Accepted);
        Assert.True(WebhookReceiver.Verifies(accepted));
        Assert.Equal(id, JsonDocument.Parse(accepted.Body).RootElement.GetProperty("id").GetString());
        Assert.Single(receiver.Received.Select(d => d.Id).Distinct());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static string? DeliveryState(SqliteDatabase database, string id)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<string>("SELECT state FROM webhook_deliveries WHERE job_id = @id", new { id });
    }
}
