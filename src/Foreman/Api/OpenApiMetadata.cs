using Foreman.Alignment;

namespace Foreman.Api;

/// <summary>Response metadata that several endpoints share, so the OpenAPI document declares what they really answer.</summary>
internal static class OpenApiMetadata
{
    /// <summary>The problems a submit can answer (see <see cref="JobSubmitter"/> and <see cref="SubmissionReader"/>).</summary>
    public static RouteHandlerBuilder ProducesSubmitProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A finished alignment: JSON, or one of the text formats (the document describes those as plain strings).</summary>
    public static RouteHandlerBuilder ProducesDocument(this RouteHandlerBuilder builder) => builder
        .Produces<AlignmentResult>(StatusCodes.Status200OK, "application/json", "text/plain", "application/x-subrip", "text/vtt");

    /// <summary>
    /// A submit's two bodies, which routing admits (any other content type is a 415): the multipart form
    /// (<see cref="SubmitForm"/>), and the JSON object (<see cref="SubmitRequest"/>), whose schema the document transformer
    /// puts in place of the form's; with the webhook a <c>callback_url</c> receives.
    /// </summary>
    public static RouteHandlerBuilder AcceptsSubmit(this RouteHandlerBuilder builder) => builder
        .Accepts<SubmitForm>("multipart/form-data", "application/json")
        .WithMetadata(new JsonRequestBody(typeof(SubmitRequest)), new DocumentedCallback("job-finished", "{$request.body#/callback_url}"));

    /// <summary>Audio bytes, in every type <see cref="AudioMediaTypes.Sniff"/> may answer.</summary>
    public static RouteHandlerBuilder ProducesAudio(this RouteHandlerBuilder builder, int statusCode) =>
        builder.Produces(statusCode, typeof(Stream), AudioMediaTypes.All[0], AudioMediaTypes.All[1..]);

    /// <summary>A request header the handler reads itself, declared so the OpenAPI document lists it.</summary>
    public static RouteHandlerBuilder AcceptsHeader(this RouteHandlerBuilder builder, string name, string description) =>
        builder.WithMetadata(new DocumentedHeader(name, description));
}

/// <summary>Endpoint metadata: an <c>application/json</c> request body the handler reads itself, besides the one declared by Accepts.</summary>
internal sealed record JsonRequestBody(Type Type);

/// <summary>Endpoint metadata: the webhook POSTed to the URL at <paramref name="Expression"/> when the job ends.</summary>
internal sealed record DocumentedCallback(string Name, string Expression);

/// <summary>Endpoint metadata: an optional request header and what it does.</summary>
internal sealed record DocumentedHeader(string Name, string Description);
