using Foreman.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.Support;

/// <summary>
/// The real Foreman host (same composition as <c>foreman serve</c>) on an in-memory test server, or on real Kestrel at a
/// free loopback port for tests that need its limits or real sockets, with its own temp data directory and SQLite file.
/// Each test creates its own.
/// </summary>
public sealed class ForemanApplication : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForemanApplication(WebApplication app, TempDirectory dataDir, Uri? address)
    {
        _app = app;
        DataDir = dataDir;
        BaseAddress = address;
        Client = address is null ? app.GetTestClient() : new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>Where a real Kestrel server listens (<c>kestrel: true</c>), for browsers and other processes; null on the test server.</summary>
    public Uri? BaseAddress { get; }

    public TempDirectory DataDir { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="settings">Configuration overrides, e.g. <c>["Foreman:Worker:Enabled"] = "false"</c>.</param>
    /// <param name="services">Service overrides, applied after Foreman's own registrations.</param>
    /// <param name="kestrel">Listen on a free loopback port with Kestrel instead of the in-memory test server.</param>
    public static async Task<ForemanApplication> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TempDirectory? dataDir = null, bool kestrel = false)
    {
        dataDir ??= new TempDirectory();
        var app = ServerApp.Build(kestrel ? ["--urls", "http://127.0.0.1:0"] : [], builder =>
        {
            if (!kestrel) builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Foreman:DataDir"] = dataDir.Path,
                ["Foreman:ModelsDir"] = RepositoryPaths.ModelsDir,
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new ForemanApplication(app, dataDir, kestrel ? new Uri(app.Urls.Single()) : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (BaseAddress is not null) Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        DataDir.Dispose();
    }
}
