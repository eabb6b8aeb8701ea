using System.Net;
using Foreman.Api.Access;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Api.Access;

public class ApiKeyMiddlewareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ProbeApplication> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Foreman:ApiKeys:0"] = "first-key-0123456789", ["Foreman:ApiKeys:1"] = "second-key-abcdefghij" };
        foreach (var (key, value) in extra) settings[key] = value;
        return ProbeApplication.StartAsync(settings: settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(ProbeApplication app, string path, string? header = null, string? value = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null) request.Headers.TryAddWithoutValidation(header, value);
        return await app.Client.SendAsync(request, Ct);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        var options = new AuthOptions();
        Assert.False(options.ProtectHealth);
        Assert.False(options.ProtectMetrics);
    }

    [Fact]
    public async Task Request_NoKeysConfigured_ApiIsOpen()
    {
        await using var app = await ProbeApplication.StartAsync();
        using var response = await GetAsync(app, "/api/v1/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/jobs")]
    [InlineData("/api/v1/models")]
    [InlineData("/api/v1/jobs/01JDZZZZZZZZZZZZZZZZZZZZZZ")]
    public async Task Request_WithoutKey_Is401ProblemWithBearerChallenge(string path)
    {
        await using var app = await StartAsync();
        using var response = await GetAsync(app, path);
        await JobsApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Authorization", "Bearer wrong-key")]
    [InlineData("X-API-Key", "first-key-012345678")]
    [InlineData("X-API-Key", "first-key-0123456789x")]
    public async Task Request_WrongKey_Is401(string header, string value)
    {
        await using var app = await StartAsync();
        using var response = await GetAsync(app, "/api/v1/jobs", header, value);
        await JobsApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "the API key is not valid");
    }

    [Theory]
    [InlineData("Authorization", "Bearer first-key-0123456789")]
    [InlineData("Authorization", "bearer second-key-abcdefghij")]
    [InlineData("X-API-Key", "second-key-abcdefghij")]
    public async Task Request_AnyConfiguredKey_Passes(string header, string value)
    {
        await using var app = await StartAsync();
        using var response = await GetAsync(app, "/api/v1/jobs", header, value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Submit_WithoutKey_StoresNothing()
    {
        await using var app = await StartAsync();
        using var response = await app.Client.PostAsync("/api/v1/jobs", Submit.Form(TestAudio.ToneWav(), "la"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, app.Store.CountQueued());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/metrics")]
    public async Task Request_HealthAndMetricsByDefault_StayOpen(string path)
    {
        await using var app = await StartAsync();
        using var response = await GetAsync(app, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live", "Foreman:Auth:ProtectHealth")]
    [InlineData("/health", "Foreman:Auth:ProtectHealth")]
    [InlineData("/metrics", "Foreman:Auth:ProtectMetrics")]
    public async Task Request_ProtectedHealthOrMetrics_NeedsKey(string path, string setting)
    {
        await using var app = await StartAsync((setting, "true"));
        using (var response = await GetAsync(app, path))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using (var response = await GetAsync(app, path, "X-API-Key", "first-key-0123456789"))
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}");
    }

    [Fact]
    public async Task Start_BlankKey_FailsValidation()
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(("Foreman:ApiKeys:1", " ")));
        Assert.Contains("Foreman:ApiKeys contains an empty key", e.Message);
    }
}
