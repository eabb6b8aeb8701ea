using Foreman.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Foreman.ApiReference;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/docs</c>.</summary>
public static class ApiReferenceExtensions
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
            options.AddOperationTransformer((operation, context, _) =>
            {
                DeclareHeaders(operation, context.Description.ActionDescriptor.EndpointMetadata);
                DescribeTextAsStrings(operation);
                return Task.CompletedTask;
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
