using System.Net;
using Foreman.Dashboard;
using Foreman.Tests.Support;

namespace Foreman.Tests.Dashboard;

public class DashboardEndpointsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "text/html", "/dashboard/queue.js")]
    [InlineData("/jobs/01JDZZZZZZZZZZZZZZZZZZZZZZ", "text/html", "/dashboard/job.js")]
    [InlineData("/dashboard/common.js", "text/javascript", "export async function api")]
    [InlineData("/dashboard/dashboard.css", "text/css", ".timeline")]
    public async Task Serve_KnownPage_ReturnsItWithPolicyHeaders(string path, string contentType, string expected)
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Serve_UnchangedAsset_Answers304()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var first = await app.Client.GetAsync("/dashboard/queue.js", Ct);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/queue.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await app.Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Serve_UnknownAsset_Is404()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await app.Client.GetAsync("/dashboard/nothing.js", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Load_EmbeddedAssets_ReferenceNothingOutsideTheServer()
    {
        var assets = DashboardAssets.Load();
        Assert.Equal(["common.js", "dashboard.css", "index.html", "job.html", "job.js", "queue.js"], assets.Names.Order());
        foreach (var name in assets.Names)
        {
            var text = System.Text.Encoding.UTF8.GetString(assets.Find(name)!.Content);
            Assert.DoesNotContain("http://", text);
            Assert.DoesNotContain("https://", text);
            Assert.DoesNotContain("innerHTML", text); // data from the server goes in as text only
        }
    }
}
