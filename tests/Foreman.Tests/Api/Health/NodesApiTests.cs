using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Tests.Support;
using Foreman.Worker;

namespace Foreman.Tests.Api;

public class NodesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Sqlite_ShowsOnlyThisNode()
    {
        await using var app = await ProbeApplication.StartAsync();
        var body = await app.Client.GetFromJsonAsync<JsonElement>("/api/v1/nodes", Ct);
        var node = Assert.Single(body.GetProperty("nodes").EnumerateArray());
        Assert.Equal(app.Get<WorkerIdentity>().Owner, node.GetProperty("id").GetString());
        Assert.True(node.GetProperty("self").GetBoolean());
        Assert.True(node.TryGetProperty("last_seen", out _));
    }
}
