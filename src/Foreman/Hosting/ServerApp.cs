using Foreman.Alignment;
using Foreman.Api;
using Foreman.ApiReference;
using Foreman.Dashboard;
using Foreman.Api.Access;
using Foreman.Cli;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Webhooks;
using Foreman.Retention;
using Foreman.Worker;

namespace Foreman.Hosting;

/// <summary>The server's composition: what <c>foreman serve</c> runs, and what integration tests start.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Diagnostics.ForemanMetrics>();
        builder.Services.AddQueue();     // job store (SQLite, or PostgreSQL for several nodes), migrations
        builder.Services.AddModels();    // model catalog, ONNX loader, residency
        builder.Services.AddAlignment(); // the engine: lyrics and emissions in, timed lines and words out
        builder.Services.AddInputs();    // audio_url fetching (S3, https), ffprobe checks, prefetch
        builder.Services.AddWorker();    // the one inference worker
        builder.Services.AddWebhooks();  // signed callbacks when jobs end, from a durable outbox
        builder.Services.AddRetention(); // purge of finished jobs past Foreman:Retention:*
        builder.Services.AddApi();       // submissions, JSON, problems, limits
        builder.Services.AddApiReference(); // OpenAPI document
        builder.Services.AddApiKeys();   // Foreman:ApiKeys, Foreman:Auth
        configure?.Invoke(builder);
        var legacySettings = LegacySettingNames.Apply(builder.Configuration);

        var app = builder.Build();
        foreach (var moved in legacySettings) Diagnostics.Log.SettingMoved(app.Logger, moved);
        app.Services.GetRequiredService<MigrationRunner>().Apply();
        app.Services.GetRequiredService<ProcessStart>(); // uptime counts from start, not from the first health request
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseApiKeys();                // 401 without a valid key, when keys are set
        app.MapAlign();                  // POST /api/v1/align (sync)
        app.MapJobs();                   // /api/v1/jobs (async)
        app.MapModels();                 // /api/v1/models
        app.MapNodes();                  // /api/v1/nodes
        app.MapHealth();                 // /health, /health/live, /health/ready
        app.MapMetrics();                // /metrics (Prometheus)
        app.MapApiReference();           // /openapi/v1.json, /docs
        app.MapDashboard();              // / and /jobs/{id}: the operator's dashboard
        return app;
    }
}
