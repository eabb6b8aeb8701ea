using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Foreman.Tests.Support;

/// <summary>A real HTTP server on a free 127.0.0.1 port (Kestrel) that serves audio the way a remote host would.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests;

    private LocalHttpServer(WebApplication app, ConcurrentDictionary<string, int> requests)
    {
        _app = app;
        _requests = requests;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>How many requests <paramref name="path"/> has had (counted when they arrive).</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public static async Task<LocalHttpServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new ConcurrentDictionary<string, int>();
        app.Use((context, next) =>
        {
            requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            return next(context);
        });
        map(app);
        await app.StartAsync();
        return new LocalHttpServer(app, requests);
    }

    /// <summary>Serves <paramref name="bytes"/> as a file, with a Content-Length.</summary>
    public static IResult File(byte[] bytes) => Results.Bytes(bytes, "audio/wav");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
