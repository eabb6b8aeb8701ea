namespace Foreman.Api;

/// <summary>
/// Gives the problems ASP.NET Core writes by itself (no route, wrong method, wrong content type, unhandled errors) a
/// useful detail, so every error a client sees says what to do.
/// </summary>
public static class FrameworkProblems
{
    public static void AddDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail)) return;
        var request = context.HttpContext.Request;
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"there is no endpoint at {request.Method} {request.Path}; see /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}; see /openapi/v1.json",
            StatusCodes.Status415UnsupportedMediaType =>
                $"send multipart/form-data with the fields audio (file) or audio_url, and lyrics; got '{request.ContentType ?? "no content type"}'",
            StatusCodes.Status413PayloadTooLarge => "the request body is larger than this server accepts",
            StatusCodes.Status400BadRequest => "the request could not be read",
            >= 500 => "the server failed to handle the request; the error is logged with this trace id",
            _ => problem.Title,
        };
    }
}
