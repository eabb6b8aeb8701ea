using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Api;
using Foreman.Contracts;

namespace Foreman.Cli.Client;

/// <summary>
/// A small client of a Foreman server's JSON API, for the command-line verbs. Every failure becomes a
/// <see cref="ForemanClientException"/> whose message is what the user should read: the problem's detail when the
/// server sent one.
/// </summary>
public sealed class ForemanClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http;

    /// <param name="apiKey">Sent as a bearer token when the server needs one (<c>Foreman:ApiKeys</c>).</param>
    /// <param name="handler">The HTTP stack; tests pass their own.</param>
    public ForemanClient(Uri server, string? apiKey, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = server;
        _http.Timeout = TimeSpan.FromMinutes(10); // uploads of long audio
        if (!string.IsNullOrEmpty(apiKey)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Uri Server => _http.BaseAddress!;

    public async Task<JobResponse> SubmitAsync(FileInfo audio, string lyrics, string? model, string? format, string? language, CancellationToken cancellationToken)
    {
        await using var audioStream = audio.OpenRead();
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(audioStream);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "audio", audio.Name);
        form.Add(new StringContent(lyrics), "lyrics");
        if (model is not null) form.Add(new StringContent(model), "model");
        if (format is not null) form.Add(new StringContent(format), "format");
        if (language is not null) form.Add(new StringContent(language), "language");
        return await SendAsync<JobResponse>(HttpMethod.Post, "api/v1/jobs", form, cancellationToken);
    }

    public Task<JobResponse> GetJobAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<JobResponse>(HttpMethod.Get, $"api/v1/jobs/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>The newest jobs first, optionally in one state.</summary>
    public Task<JobPage> ListJobsAsync(string? state, int limit, CancellationToken cancellationToken)
    {
        var query = $"order=newest&limit={limit}" + (state is null ? "" : $"&state={Uri.EscapeDataString(state)}");
        return SendAsync<JobPage>(HttpMethod.Get, $"api/v1/jobs?{query}", null, cancellationToken);
    }

    /// <summary>The finished job's document, in <paramref name="format"/> or the one it was submitted with.</summary>
    public async Task<string> GetResultAsync(string id, string? format, CancellationToken cancellationToken)
    {
        var path = $"api/v1/jobs/{Uri.EscapeDataString(id)}/result" + (format is null ? "" : $"?format={Uri.EscapeDataString(format)}");
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new ForemanClientException($"{Server} answered {path} with an empty body");
        }
        catch (JsonException e)
        {
            throw new ForemanClientException($"{Server} answered {path} with something that is not Foreman's JSON: {e.Message}");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ForemanClientException($"cannot reach the server at {Server}: {e.Message} (set --server or FOREMAN_URL)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ForemanClientException($"the server at {Server} did not answer within {_http.Timeout.TotalMinutes:F0} minutes");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw new ForemanClientException(await DescribeFailureAsync(response, cancellationToken));
    }

    private static async Task<string> DescribeFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var hint = response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden
            ? "; set FOREMAN_API_KEY to a key the server accepts" : "";
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}{hint}";
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("detail", out var detail) || root.TryGetProperty("title", out detail))
                && detail.ValueKind == JsonValueKind.String)
                return $"{detail.GetString()} ({status})";
        }
        catch (JsonException)
        {
        }
        return $"the server answered {status}";
    }
}

/// <summary>A client call failed; the message is for the user.</summary>
public sealed class ForemanClientException(string message) : Exception(message);
