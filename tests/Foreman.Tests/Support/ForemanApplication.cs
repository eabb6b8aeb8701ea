using Foreman.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.Support;

/// <summary>
/// The real Foreman host (same composition as <c>foreman serve</c>) on an in-memory test server, with its own temp
/// data directory and SQLite file. Each test creates its own.
/// </summary>
public sealed class ForemanApplication : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ForemanApplication(WebApplication app, TempDirectory dataDir)
    {
        _app = app;
        DataDir = dataDir;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public TempDirectory DataDir { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="settings">Configuration overrides, e.g. <c>["Foreman:Worker:Enabled"] = "false"</c>.</param>
    /// <param name="services">Service overrides, applied after Foreman's own registrations.</param>
    public static async Task<ForemanApplication> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TempDirectory? dataDir = null)
    {
        dataDir ??= new TempDirectory();
        var app = ServerApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Foreman:DataDir"] = dataDir.Path,
                ["Foreman:ModelsDir"] = RepositoryPaths.ModelsDir,
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new ForemanApplication(app, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        DataDir.Dispose();
    }
}
