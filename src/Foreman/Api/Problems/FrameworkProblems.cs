namespace Foreman.Api;

/// <summary>
/// Gives the problems ASP.NET Core writes by itself (no route, wrong method, wrong content type, unhandled errors) a
/// useful detail, so every error a client sees says what to do.
/// </summary>
internal static class FrameworkProblems
{
    public static void AddDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail)) return;
        var request = context.HttpContext.Request;
        // Only the submit endpoints declare content types: their 415 is the one in the problem catalogue (docs/api.md).
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            var documented = SubmissionReader.UnsupportedMediaType(request).ProblemDetails;
            (problem.Type, problem.Title) = (documented.Type, documented.Title);
        }
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"there is no endpoint at {request.Method} {request.Path}; see /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; see /openapi/v1.json",
            StatusCodes.Status415UnsupportedMediaType => SubmissionReader.UnsupportedMediaType(request).ProblemDetails.Detail,
            StatusCodes.Status413PayloadTooLarge => "the request body is larger than this server accepts",
            StatusCodes.Status400BadRequest => "the request could not be read",
            >= 500 => "the server failed to handle the request; the error is logged with this trace id",
            _ => problem.Title,
        };
    }
}
