using Foreman.Api;
using Foreman.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Foreman.ApiReference;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
internal static class ApiReferenceExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Foreman",
                    Version = HealthEndpoints.Version,
                    Description = "A durable job-queue server for forced alignment: submit audio and its lyrics, get line and word timings. "
                        + "Errors are RFC 9457 problem documents (application/problem+json) with a stable type URI and a detail that says what to do.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                DeclareHeaders(operation, metadata);
                DescribeTextAsStrings(operation);
                await DeclareJsonBodyAsync(operation, context, metadata, cancellationToken);
                await DeclareCallbacksAsync(operation, context, metadata, cancellationToken);
            });
            options.AddSchemaTransformer((schema, _, _) =>
            {
                OmitNullsFromRequired(schema);
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath);
        // The reference's script is served from the package itself, and the CDN fonts and telemetry are off, so /docs
        // works on a server with no internet access.
        routes.MapScalarApiReference(DocsPath, options => options
            .WithTitle("Foreman API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry());
        return routes;
    }

    private static void DeclareHeaders(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var header in metadata.OfType<DocumentedHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    private static async Task DeclareJsonBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata,
        CancellationToken cancellationToken)
    {
        if (metadata.OfType<JsonRequestBody>().FirstOrDefault() is not { } body || operation.RequestBody?.Content is not { } content) return;
        content["application/json"] = new OpenApiMediaType { Schema = await SchemaReferenceAsync(body.Type, context, cancellationToken) };
    }

    // Standard Webhooks: the finished job, as GET /api/v1/jobs/{id} shows it, signed in three headers.
    private static async Task DeclareCallbacksAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata,
        CancellationToken cancellationToken)
    {
        foreach (var callback in metadata.OfType<DocumentedCallback>())
        {
            var webhook = new OpenApiOperation
            {
                Summary = "The job ended (done, failed or cancelled)",
                Description = "POSTed once per ending, retried with backoff on timeouts, 5xx, 408 and 429 until Foreman:Webhooks:RetryFor has passed. "
                    + "Verify webhook-signature: v1,base64(HMAC-SHA256(key, webhook-id + '.' + webhook-timestamp + '.' + body)); the same webhook-id on a retry "
                    + "means the same delivery. Answer 2xx quickly.",
                Parameters =
                [
                    Header("webhook-id", "The delivery's id ({job id}_{n}), the same on every retry: deduplicate on it."),
                    Header("webhook-timestamp", "Unix seconds when this try was signed: refuse old ones to stop replays."),
                    Header("webhook-signature", "v1, then the base64 HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}'."),
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await SchemaReferenceAsync(typeof(JobResponse), context, cancellationToken) },
                    },
                },
                Responses = new OpenApiResponses { ["2XX"] = new OpenApiResponse { Description = "Received: never sent again." } },
            };
            operation.Callbacks ??= new Dictionary<string, IOpenApiCallback>();
            operation.Callbacks[callback.Name] = new OpenApiCallback
            {
                PathItems = new()
                {
                    [RuntimeExpression.Build(callback.Expression)] = new OpenApiPathItem
                    {
                        Operations = new() { [HttpMethod.Post] = webhook },
                    },
                },
            };
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    /// <summary>A <c>$ref</c> to the type's schema among the document's components, added there when missing.</summary>
    private static async Task<IOpenApiSchema> SchemaReferenceAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        if (context.Document is not { } document) return schema;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }

    // The text formats (LRC, SRT, WebVTT, TextGrid, Prometheus) are documents, not JSON values: describe them as strings.
    private static void DescribeTextAsStrings(OpenApiOperation operation)
    {
        if (operation.Responses is null) return;
        foreach (var response in operation.Responses.Values)
        {
            if (response.Content is null) continue;
            foreach (var (mediaType, content) in response.Content)
            {
                if (!mediaType.Contains("json", StringComparison.Ordinal)) content.Schema = new OpenApiSchema { Type = JsonSchemaType.String };
            }
        }
    }

    // Responses leave out null members (JsonIgnoreCondition.WhenWritingNull), so a nullable member is not required.
    private static void OmitNullsFromRequired(OpenApiSchema schema)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null) return;
        foreach (var (name, property) in schema.Properties)
        {
            if (IsNullable(property)) required.Remove(name);
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type?.HasFlag(JsonSchemaType.Null) ?? false) || (schema.OneOf?.Any(IsNullable) ?? false);
}
