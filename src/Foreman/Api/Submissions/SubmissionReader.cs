using System.Text;
using Foreman.Diagnostics;
using Foreman.Inputs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Foreman.Api;

/// <summary>
/// Reads a submit: <c>multipart/form-data</c> as a stream, the audio part straight to a file in the data directory
/// (never whole into memory) and the text fields decoded as strict UTF-8, each within its limit; or an
/// <c>application/json</c> object with the same text fields (<see cref="JsonSubmissionReader"/>), for an <c>audio_url</c>.
/// </summary>
internal static class SubmissionReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The submit's text fields, in multipart and in JSON alike.</summary>
    public static readonly string[] TextFields = ["audio_url", "lyrics", "model", "format", "keep_alive", "deadline", "language", "callback_url"];

    /// <summary>Limit of every text field but the lyrics.</summary>
    public const int MaxSmallFieldBytes = 8 * 1024;

    public static async Task<Submission> ReadAsync(HttpRequest request, string tempPath, ApiOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
            throw Reject(UnsupportedMediaType(request));
        if (JsonSubmissionReader.IsJson(mediaType))
            return await JsonSubmissionReader.ReadAsync(request, options, cancellationToken);
        if (!mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw Reject(UnsupportedMediaType(request));
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
            throw Reject(Problems.BadRequest("the multipart/form-data content type has no valid boundary"));
        if (request.ContentLength > options.MaxUploadBytes + options.MaxLyricsBytes + 64 * 1024)
            throw Reject(TooLarge(options));

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        long audioBytes = 0;
        var hasAudio = false;
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                    throw Reject(Problems.BadRequest("every multipart section needs a Content-Disposition: form-data header with a name"));
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "audio")
                {
                    if (hasAudio) throw Reject(Problems.BadRequest("send the audio field once"));
                    hasAudio = true;
                    try
                    {
                        audioBytes = await CopyLimitedAsync(section.Body, tempPath, options.MaxUploadBytes, options, cancellationToken);
                    }
                    catch (IOException e) when (StorageFull.Is(e))
                    {
                        // Not the client's fault: a 400 would never be retried.
                        throw Reject(Problems.InsufficientStorage(request.HttpContext, "the server's storage is full, so the upload could not be stored; try again later"));
                    }
                }
                else if (TextFields.Contains(name))
                {
                    if (fields.ContainsKey(name)) throw Reject(Problems.BadRequest($"send the {name} field once"));
                    fields[name] = await ReadTextAsync(section.Body, name, LimitOf(name, options), cancellationToken);
                }
                else
                {
                    await section.Body.DrainAsync(cancellationToken); // unknown fields are ignored, as HTML forms expect
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not SubmissionRejectedException)
        {
            throw Reject(Problems.BadRequest($"the multipart body is malformed: {e.Message}", "malformed-multipart"));
        }

        return new Submission(
            hasAudio ? tempPath : null, audioBytes,
            fields.GetValueOrDefault("audio_url"), fields.GetValueOrDefault("lyrics"), fields.GetValueOrDefault("model"),
            fields.GetValueOrDefault("format"), fields.GetValueOrDefault("keep_alive"), fields.GetValueOrDefault("deadline"),
            fields.GetValueOrDefault("language"), fields.GetValueOrDefault("callback_url"));
    }

    /// <summary>The UTF-8 byte limit of a text field.</summary>
    public static int LimitOf(string field, ApiOptions options) => field == "lyrics" ? options.MaxLyricsBytes : MaxSmallFieldBytes;

    /// <summary>The problem for a text field over its limit: the lyrics are a 422 with their own type, the rest a 400.</summary>
    public static ProblemHttpResult FieldTooLong(string field, int limit) => field == "lyrics"
        ? Problems.Unprocessable($"the lyrics are longer than the limit of {limit:N0} bytes", "lyrics-too-long")
        : Problems.BadRequest($"the {field} field is longer than {limit:N0} bytes");

    /// <summary>The 415 for a submit that is neither multipart nor JSON.</summary>
    public static ProblemHttpResult UnsupportedMediaType(HttpRequest request) => Problems.UnsupportedMediaType(
        "send multipart/form-data (the fields audio (file) or audio_url, and lyrics) or application/json (audio_url and lyrics); "
        + $"got '{request.ContentType ?? "no content type"}'");

    // The job row will point at this file: it must be on disk before the row commits.
    private static Task<long> CopyLimitedAsync(Stream source, string path, long limit, ApiOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return LimitedFile.CopyAsync(source, path, limit, () => Reject(TooLarge(options)), flushToDisk: true, cancellationToken);
    }

    private static async Task<string> ReadTextAsync(Stream source, string name, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw Reject(FieldTooLong(name, limit));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Reject(Problems.BadRequest($"the {name} field is not valid UTF-8", "invalid-utf8"));
        }
    }

    private static ProblemHttpResult TooLarge(ApiOptions options) =>
        Problems.TooLarge($"the upload is larger than the limit of {options.MaxUploadBytes:N0} bytes");

    public static SubmissionRejectedException Reject(ProblemHttpResult problem) => new(problem);
}
