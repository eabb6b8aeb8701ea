using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Foreman.Api.Access;

/// <summary>
/// When API keys are set, every <c>/api/*</c> call (and health or metrics, if configured) needs
/// <c>Authorization: Bearer KEY</c> or <c>X-API-Key: KEY</c>; otherwise it gets a 401 problem with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, IOptions<AuthOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    public const string HeaderName = "X-API-Key";

    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.Enabled || !IsProtected(context.Request.Path)) return next(context);
        var presented = Presented(context.Request);
        if (presented is not null && keys.IsValid(presented)) return next(context);

        var detail = presented is null
            ? $"this server needs an API key: send 'Authorization: Bearer <key>' or '{HeaderName}: <key>'"
            : "the API key is not valid";
        Log.ApiKeyRejected(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), detail);
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"foreman\"";
        return Problems.Unauthorized(detail).ExecuteAsync(context);
    }

    private bool IsProtected(PathString path) =>
        path.StartsWithSegments("/api")
        || options.Value.ProtectHealth && path.StartsWithSegments("/health")
        || options.Value.ProtectMetrics && path.StartsWithSegments("/metrics");

    internal static string? Presented(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header) return header.Trim();
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }
}
