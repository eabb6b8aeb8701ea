using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Dashboard;

/// <summary>
/// The operator's dashboard: static pages that poll the JSON API from the browser. They carry no data of their own,
/// so they need no API key; the API calls they make send the key the operator pasted.
/// </summary>
internal static class DashboardEndpoints
{
    public const string AssetsPath = "/dashboard";

    // Everything the pages load comes from this server; this also keeps injected markup from running scripts.
    // The job page plays its audio from this server, or from a blob it fetched with the API key.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var assets = DashboardAssets.Load();
        var group = routes.MapGroup("").WithTags("Dashboard").ExcludeFromDescription();
        group.MapGet("/", (HttpContext context) => Serve(context, assets, "index.html"));
        group.MapGet("/jobs/{id}", (HttpContext context) => Serve(context, assets, "job.html"));
        group.MapGet(AssetsPath + "/{name}", (HttpContext context, string name) => Serve(context, assets, name));
        return group;
    }

    private static Results<FileContentHttpResult, NotFound> Serve(HttpContext context, DashboardAssets assets, string name)
    {
        if (assets.Find(name) is not { } asset) return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Revalidate every time (cheap: 304 on the entity tag) so an upgraded server never runs yesterday's script.
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }
}
