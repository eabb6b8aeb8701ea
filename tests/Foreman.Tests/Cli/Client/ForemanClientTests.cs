using System.Net;
using System.Text;
using Foreman.Cli.Client;

namespace Foreman.Tests.Cli.Client;

public class ForemanClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetJobAsync_ApiKeyGiven_SendsItAsBearerToken()
    {
        var handler = new Recorder(HttpStatusCode.NotFound, """{"status":404,"detail":"no job has the id 'x'"}""");
        using var client = new ForemanClient(new Uri("http://foreman.test/"), "key-123", handler);

        await Assert.ThrowsAsync<ForemanClientException>(() => client.GetJobAsync("x", Ct));

        Assert.Equal("Bearer key-123", handler.Authorization);
    }

    [Fact]
    public async Task GetJobAsync_NoApiKey_SendsNoAuthorization()
    {
        var handler = new Recorder(HttpStatusCode.NotFound, "{}");
        using var client = new ForemanClient(new Uri("http://foreman.test/"), null, handler);

        await Assert.ThrowsAsync<ForemanClientException>(() => client.GetJobAsync("x", Ct));

        Assert.Null(handler.Authorization);
    }

    [Fact]
    public async Task GetJobAsync_Unauthorized_SaysToSetTheKey()
    {
        var handler = new Recorder(HttpStatusCode.Unauthorized, """{"status":401,"title":"Unauthorized","detail":"send an API key"}""");
        using var client = new ForemanClient(new Uri("http://foreman.test/"), null, handler);

        var error = await Assert.ThrowsAsync<ForemanClientException>(() => client.GetJobAsync("x", Ct));

        Assert.Equal("send an API key (401 Unauthorized; set FOREMAN_API_KEY to a key the server accepts)", error.Message);
    }

    [Fact]
    public async Task GetResultAsync_NotAProblemBody_ReportsTheStatus()
    {
        var handler = new Recorder(HttpStatusCode.BadGateway, "<html>proxy error</html>");
        using var client = new ForemanClient(new Uri("http://foreman.test/"), null, handler);

        var error = await Assert.ThrowsAsync<ForemanClientException>(() => client.GetResultAsync("x", "lrc", Ct));

        Assert.Equal("the server answered 502 Bad Gateway", error.Message);
    }

    private sealed class Recorder(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/problem+json") });
        }
    }
}
