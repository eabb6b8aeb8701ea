using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Foreman.Tests.Support.Browser;

/// <summary>
/// A headless Chromium driven through chromedriver's W3C WebDriver protocol with plain HTTP calls: enough to open a
/// page, find elements, type, click and run a script.
/// </summary>
public sealed class WebDriver : IAsyncDisposable
{
    private const string ElementKey = "element-6066-11e4-a52e-4f735466cecf";

    private const int BrowserStartAttempts = 3;

    private readonly Process _driver;
    private readonly HttpClient _http;
    private readonly TempDirectory _profile;
    private readonly DriverLog _log = new();
    private string _session = "";

    private WebDriver(Process driver, HttpClient http, TempDirectory profile)
    {
        _driver = driver;
        _http = http;
        _profile = profile;
    }

    /// <summary>
    /// A fresh browser showing <paramref name="url"/>. A browser that dies before its first page is shown (Chromium's
    /// renderer is lost now and then on a loaded machine) is replaced by a new one; the page has run no step of the
    /// test yet, so nothing is repeated. A browser that dies later fails the test with its log.
    /// </summary>
    public static async Task<WebDriver> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        await Chromium.EnsureInstalledAsync();
        for (var attempt = 1; ; attempt++)
        {
            var browser = Launch();
            try
            {
                await browser.StartSessionAsync(cancellationToken);
                await browser.NavigateAsync(url, cancellationToken);
                return browser;
            }
            catch (BrowserLostException) when (attempt < BrowserStartAttempts)
            {
                await browser.DisposeAsync();
            }
            catch
            {
                await browser.DisposeAsync();
                throw;
            }
        }
    }

    private static WebDriver Launch()
    {
        var port = ForemanProcess.FreePort();
        // --enable-chrome-logs: the browser's own messages reach chromedriver's output, so a lost browser says why.
        var driver = Process.Start(new ProcessStartInfo(Chromium.DriverPath, [$"--port={port}", "--enable-chrome-logs"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var webDriver = new WebDriver(driver, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) }, new TempDirectory());
        driver.OutputDataReceived += (_, line) => webDriver._log.Add(line.Data);
        driver.ErrorDataReceived += (_, line) => webDriver._log.Add(line.Data);
        driver.BeginOutputReadLine();
        driver.BeginErrorReadLine();
        return webDriver;
    }

    private async Task StartSessionAsync(CancellationToken cancellationToken)
    {
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var status = await _http.GetAsync("status", cancellationToken);
                return status.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "chromedriver to listen", cancellationToken);
        var options = new JsonObject
        {
            ["binary"] = Chromium.BrowserPath,
            ["args"] = new JsonArray([.. Chromium.HeadlessArguments(_profile.Path).Append("--window-size=1280,900").Select(a => JsonValue.Create(a))]),
        };
        var capabilities = new JsonObject { ["capabilities"] = new JsonObject { ["alwaysMatch"] = new JsonObject { ["browserName"] = "chrome", ["goog:chromeOptions"] = options } } };
        var session = await SendAsync(HttpMethod.Post, "session", capabilities, cancellationToken);
        _session = session.GetProperty("sessionId").GetString()!;
    }

    public Task NavigateAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"session/{_session}/url", new JsonObject { ["url"] = url.ToString() }, cancellationToken);

    /// <summary>The first element matching the CSS selector, or null.</summary>
    public async Task<string?> FindAsync(string css, CancellationToken cancellationToken)
    {
        var found = await SendAsync(HttpMethod.Post, $"session/{_session}/elements",
            new JsonObject { ["using"] = "css selector", ["value"] = css }, cancellationToken);
        return found.GetArrayLength() == 0 ? null : found[0].GetProperty(ElementKey).GetString();
    }

    /// <summary>Waits until the page's scripts have rendered an element matching the CSS selector.</summary>
    public async Task<string> WaitForAsync(string css, CancellationToken cancellationToken)
    {
        string? element = null;
        await Eventually.TrueAsync(async () => (element = await FindAsync(css, cancellationToken)) is not null, $"an element '{css}'", cancellationToken);
        return element!;
    }

    /// <summary>
    /// Clicks the element matching the CSS selector once it is there. Pages that re-render on a timer can replace the
    /// element between finding and clicking it; then the click is tried again on the new one.
    /// </summary>
    public Task ClickAsync(string css, CancellationToken cancellationToken) =>
        OnElementAsync(css, element => $"session/{_session}/element/{element}/click", new JsonObject(), cancellationToken);

    /// <summary>Types into the element matching the CSS selector once it is there.</summary>
    public Task TypeAsync(string css, string text, CancellationToken cancellationToken) =>
        OnElementAsync(css, element => $"session/{_session}/element/{element}/value", new JsonObject { ["text"] = text }, cancellationToken);

    public Task<JsonElement> ExecuteAsync(string script, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"session/{_session}/execute/sync", new JsonObject { ["script"] = script, ["args"] = new JsonArray() }, cancellationToken);

    private Task OnElementAsync(string css, Func<string, string> path, JsonObject body, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(async () =>
        {
            try
            {
                await SendAsync(HttpMethod.Post, path(await WaitForAsync(css, cancellationToken)), body, cancellationToken);
                return true;
            }
            catch (StaleElementException)
            {
                return false;
            }
        }, $"'{css}' to take the action", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_session.Length > 0) await SendAsync(HttpMethod.Delete, $"session/{_session}", null, CancellationToken.None);
        }
        finally
        {
            if (!_driver.HasExited) _driver.Kill(entireProcessTree: true);
            await _driver.WaitForExitAsync();
            _driver.Dispose();
            _http.Dispose();
            _profile.Dispose();
        }
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        // A sized body: chromedriver resets connections that send a chunked one.
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
        var reply = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var value = reply.GetProperty("value");
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("error", out var error) && error.GetString() == "stale element reference")
            throw new StaleElementException();
        if (!response.IsSuccessStatusCode)
        {
            var message = $"WebDriver {method} {path}: {(int)response.StatusCode} {value}\nchromedriver's last lines:\n{_log}";
            throw value.ValueKind == JsonValueKind.Object && value.TryGetProperty("error", out var code) && code.GetString() is "invalid session id" or "session not created" or "tab crashed"
                ? new BrowserLostException(message)
                : new InvalidOperationException(message);
        }
        return value.Clone();
    }
}

/// <summary>The element found earlier is no longer in the page.</summary>
public sealed class StaleElementException : Exception;

/// <summary>The browser behind the session did not start or is gone (it crashed or lost its renderer).</summary>
public sealed class BrowserLostException(string message) : InvalidOperationException(message);
