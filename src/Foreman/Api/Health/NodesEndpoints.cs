using Foreman.Queue;
using Foreman.Worker;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Api;

/// <summary>The nodes serving the queue: on PostgreSQL every live node, on SQLite this one.</summary>
internal static class NodesEndpoints
{
    public static RouteGroupBuilder MapNodes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/nodes").WithTags("Nodes");
        group.MapGet("/", List).WithSummary("Live nodes, as of their last heartbeat: when each started, its resident model and current job");
        return group;
    }

    private static Ok<NodeList> List(INodeRegistry registry, WorkerIdentity identity) =>
        TypedResults.Ok(new NodeList(registry.Live().Select(node => new NodeResponse(
            node.Id,
            node.Id == identity.Owner,
            DateTimeOffset.FromUnixTimeMilliseconds(node.StartedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(node.LastSeen),
            node.ResidentModel,
            node.CurrentJobId)).ToList()));
}

internal sealed record NodeList(IReadOnlyList<NodeResponse> Nodes);

/// <summary>A node as the API shows it; <c>self</c> marks the node that answered.</summary>
internal sealed record NodeResponse(string Id, bool Self, DateTimeOffset StartedAt, DateTimeOffset LastSeen, string? ResidentModel, string? CurrentJobId);
