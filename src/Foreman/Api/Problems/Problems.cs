using Microsoft.AspNetCore.Http.HttpResults;

namespace Foreman.Api;

/// <summary>The RFC 9457 problem responses the API gives, each with a stable type URI and a useful detail.</summary>
internal static class Problems
{
    private const string TypeBase = "https://foreman.dev/problems/";

    public static ProblemHttpResult BadRequest(string detail, string type = "invalid-request", IDictionary<string, object?>? extensions = null) =>
        Make(StatusCodes.Status400BadRequest, "The request is invalid", detail, type, extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        Make(StatusCodes.Status404NotFound, "Not found", detail, "not-found");

    public static ProblemHttpResult Conflict(string detail, string type = "conflict") =>
        Make(StatusCodes.Status409Conflict, "The job is not in a state that allows this", detail, type);

    public static ProblemHttpResult TooLarge(string detail) =>
        Make(StatusCodes.Status413PayloadTooLarge, "The request is too large", detail, "too-large");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Make(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", detail, "unsupported-media-type");

    public static ProblemHttpResult Unprocessable(string detail, string type = "unprocessable", IDictionary<string, object?>? extensions = null) =>
        Make(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", detail, type, extensions);

    public static ProblemHttpResult QueueFull(string detail, TimeSpan retryAfter) =>
        Make(StatusCodes.Status503ServiceUnavailable, "The queue is full", detail, "queue-full",
            new Dictionary<string, object?> { ["retry_after_seconds"] = (long)retryAfter.TotalSeconds });

    /// <summary>How long a client is told to wait when the storage is full: an operator has to free space first.</summary>
    public static readonly TimeSpan StorageFullRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>507 with <c>Retry-After</c>: the request was fine, but the disk (or the database) is full.</summary>
    public static ProblemHttpResult InsufficientStorage(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = ((long)StorageFullRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Make(StatusCodes.Status507InsufficientStorage, "Insufficient storage", detail, "insufficient-storage",
            new Dictionary<string, object?> { ["retry_after_seconds"] = (long)StorageFullRetryAfter.TotalSeconds });
    }

    public static ProblemHttpResult Unauthorized(string detail) =>
        Make(StatusCodes.Status401Unauthorized, "An API key is required", detail, "unauthorized");

    public static ProblemHttpResult Make(int status, string title, string detail, string type, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);
}
