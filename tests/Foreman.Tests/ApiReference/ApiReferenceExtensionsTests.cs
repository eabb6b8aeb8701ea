using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Contracts;
using Foreman.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.ApiReference;

public class ApiReferenceExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_EveryMappedEndpoint_IsDescribed()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var mapped = endpoints
            .Where(e => !IsExcluded(e))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {PathOf(e)}"))
            .Order().ToList();

        Assert.Equal(mapped, described);
        Assert.Contains("POST /api/v1/jobs", described);
        Assert.Contains("GET /metrics", described);
        // Only the pages for people are left out: the dashboard, and the document and reference themselves.
        Assert.All(endpoints.Where(IsExcluded).Select(PathOf), path => Assert.True(
            path is "/" or "/jobs/{id}" or "/dashboard/{name}" || path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/docs", StringComparison.Ordinal),
            $"{path} is left out of the OpenAPI document"));
    }

    [Theory]
    [InlineData("/api/v1/jobs", "post", new[] { 400, 413, 415, 422, 503 })]
    [InlineData("/api/v1/align", "post", new[] { 400, 413, 415, 422, 503 })]
    [InlineData("/api/v1/jobs", "get", new[] { 400 })]
    [InlineData("/api/v1/jobs/{id}", "get", new[] { 404 })]
    [InlineData("/api/v1/jobs/{id}", "delete", new[] { 404, 409 })]
    [InlineData("/api/v1/jobs/{id}/retry", "post", new[] { 404, 409 })]
    [InlineData("/api/v1/jobs/{id}/result", "get", new[] { 400, 404, 409 })]
    [InlineData("/api/v1/jobs/{id}/audio", "get", new[] { 404 })]
    [InlineData("/api/v1/models/pull", "post", new[] { 400, 409 })]
    [InlineData("/api/v1/models/{name}", "delete", new[] { 400, 404, 409 })]
    public async Task Document_Operation_DeclaresItsProblemResponses(string path, string method, int[] statuses)
    {
        var operation = await OperationAsync(path, method);
        foreach (var status in statuses)
        {
            var response = operation.GetProperty("responses").GetProperty(status.ToString());
            var schema = response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.Equal("#/components/schemas/ProblemDetails", schema.GetProperty("$ref").GetString());
        }
    }

    [Fact]
    public async Task Document_Audio_DescribesWholeAndPartialAudio()
    {
        var responses = (await OperationAsync("/api/v1/jobs/{id}/audio", "get")).GetProperty("responses");

        foreach (var status in new[] { "200", "206" })
        {
            var types = responses.GetProperty(status).GetProperty("content").EnumerateObject().Select(t => t.Name).ToList();
            Assert.Contains("audio/mpeg", types);
            Assert.Contains("audio/wav", types);
        }
        Assert.True(responses.TryGetProperty("416", out _));
    }

    [Fact]
    public async Task Document_Pull_DescribesTheVariantField()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        var body = document.GetProperty("components").GetProperty("schemas").GetProperty("PullBody");

        Assert.True(body.GetProperty("properties").TryGetProperty("variant", out _));
    }

    [Fact]
    public async Task Document_Submit_DescribesTheFormFieldsAndIdempotencyKey()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var submit = document.GetProperty("paths").GetProperty("/api/v1/jobs").GetProperty("post");

        var form = submit.GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("#/components/schemas/SubmitForm", form.GetProperty("$ref").GetString());
        var fields = document.GetProperty("components").GetProperty("schemas").GetProperty("SubmitForm");
        Assert.Equal(["audio", "audio_url", "callback_url", "deadline", "format", "keep_alive", "language", "lyrics", "model"],
            fields.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["lyrics"], fields.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(fields.GetProperty("properties").GetProperty("keep_alive").GetProperty("description").GetString()));
        var header = Assert.Single(submit.GetProperty("parameters").EnumerateArray());
        Assert.Equal("Idempotency-Key", header.GetProperty("name").GetString());
        Assert.Equal("header", header.GetProperty("in").GetString());
    }

    [Theory]
    [InlineData("/api/v1/jobs")]
    [InlineData("/api/v1/align")]
    public async Task Document_Submit_DescribesTheJsonBodyAndTheWebhook(string path)
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var submit = document.GetProperty("paths").GetProperty(path).GetProperty("post");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var content = submit.GetProperty("requestBody").GetProperty("content");
        Assert.Equal(["application/json", "multipart/form-data"], content.EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("#/components/schemas/SubmitRequest", content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var json = schemas.GetProperty("SubmitRequest");
        Assert.Equal(["audio_url", "callback_url", "deadline", "format", "keep_alive", "language", "lyrics", "model"],
            json.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["audio_url", "lyrics"], json.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());

        var callback = submit.GetProperty("callbacks").GetProperty("job-finished").GetProperty("{$request.body#/callback_url}").GetProperty("post");
        Assert.Equal(["webhook-id", "webhook-signature", "webhook-timestamp"],
            callback.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Equal("#/components/schemas/JobResponse",
            callback.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(schemas.TryGetProperty("JobResponse", out _));
    }

    [Fact]
    public async Task Document_Align_DescribesThePreferHeader()
    {
        var align = await OperationAsync("/api/v1/align", "post");
        Assert.Equal(["Idempotency-Key", "Prefer"], align.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Document_JobResponse_RequiresOnlyMembersAlwaysWritten()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var job = document.GetProperty("components").GetProperty("schemas").GetProperty("JobResponse");

        Assert.Equal(["attempt", "created_at", "format", "id", "max_attempts", "model", "state", "url"],
            job.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("integer", job.GetProperty("properties").GetProperty("attempt").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Document_Result_DescribesJsonAndTextFormats()
    {
        var content = (await OperationAsync("/api/v1/jobs/{id}/result", "get")).GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("#/components/schemas/AlignmentResult", content.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        foreach (var text in new[] { "text/plain", "application/x-subrip", "text/vtt" })
            Assert.Equal("string", content.GetProperty(text).GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Document_Result_TypedSchemaForEveryLine()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var result = schemas.GetProperty("AlignmentResult");
        Assert.Equal(["duration", "language", "lines", "model"], result.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        var line = schemas.GetProperty("AlignedLine");
        Assert.Equal(["confidence", "end", "index", "reason", "start", "status", "text", "words"], line.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["index", "status", "text", "words"], line.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("integer", line.GetProperty("properties").GetProperty("index").GetProperty("type").GetString());
        var status = schemas.GetProperty("LineStatus");
        Assert.Equal(["aligned", "skipped", "unaligned"], status.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Docs_Reference_IsServedWithoutAnyCdn()
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        using var page = await app.Client.GetAsync("/docs/", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script src=\"scalar.js\"></script>", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("openapi/v1.json", html);

        using var script = await app.Client.GetAsync("/docs/scalar.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync(Ct)).Length > 100_000, "the reference's script comes from the package");
    }

    private static readonly Dictionary<string, string?> WorkerOff = new()
    {
        ["Foreman:Worker:Enabled"] = "false",
        ["Foreman:Models:EagerLoadDefault"] = "false",
    };

    private static async Task<JsonElement> OperationAsync(string path, string method)
    {
        await using var app = await ForemanApplication.StartAsync(WorkerOff);
        var document = await app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        return document.GetProperty("paths").GetProperty(path).GetProperty(method).Clone();
    }

    /// <summary>The route as the document writes it: leading slash, no trailing one.</summary>
    private static string PathOf(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.Trim('/');

    private static bool IsExcluded(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true };
}
