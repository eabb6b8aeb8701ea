using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Foreman.Api;

/// <summary>
/// Reads an <c>application/json</c> submit: one object with the multipart form's text fields (there is no file: the audio
/// comes from <c>audio_url</c>), each within the same limit. Strict, so a typo is a 400 naming the field rather than a
/// setting silently ignored: unknown and repeated members, and values that are not strings, are refused. <c>null</c>
/// is the same as leaving a member out; <c>keep_alive</c> and <c>deadline</c> may also be numbers of seconds.
/// </summary>
internal static class JsonSubmissionReader
{
    private static readonly string[] DurationFields = ["keep_alive", "deadline"];

    /// <summary>Room for the JSON syntax and the small fields around the lyrics.</summary>
    private const int Overhead = 64 * 1024;

    public static bool IsJson(MediaTypeHeaderValue mediaType) => mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    public static async Task<Submission> ReadAsync(HttpRequest request, ApiOptions options, CancellationToken cancellationToken)
    {
        var limit = options.MaxLyricsBytes + Overhead;
        if (request.ContentLength > limit) throw SubmissionReader.Reject(TooLarge(limit));
        var body = await ReadBodyAsync(request.Body, limit, cancellationToken);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid($"the JSON body must be an object with the fields audio_url and lyrics, not {Describe(document.RootElement.ValueKind)}");
            foreach (var member in document.RootElement.EnumerateObject())
            {
                var name = member.Name;
                if (!SubmissionReader.TextFields.Contains(name))
                    throw Invalid(name == "audio"
                        ? "the audio field is a file: upload it as multipart/form-data, or send an audio_url in JSON"
                        : $"unknown field '{name}'; the fields are {string.Join(", ", SubmissionReader.TextFields)}", "unknown-field", name);
                if (!seen.Add(name)) throw Invalid($"send the {name} field once", field: name);
                if (ValueOf(member) is not { } value) continue;
                var fieldLimit = SubmissionReader.LimitOf(name, options);
                if (System.Text.Encoding.UTF8.GetByteCount(value) > fieldLimit) throw SubmissionReader.Reject(SubmissionReader.FieldTooLong(name, fieldLimit));
                fields[name] = value;
            }
        }
        catch (JsonException e)
        {
            throw Invalid($"the body is not valid JSON: {e.Message}", "malformed-json");
        }

        return new Submission(null, 0,
            fields.GetValueOrDefault("audio_url"), fields.GetValueOrDefault("lyrics"), fields.GetValueOrDefault("model"),
            fields.GetValueOrDefault("format"), fields.GetValueOrDefault("keep_alive"), fields.GetValueOrDefault("deadline"),
            fields.GetValueOrDefault("language"), fields.GetValueOrDefault("callback_url"));
    }

    /// <summary>The member's text, or null when it is <c>null</c>.</summary>
    private static string? ValueOf(JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.String => StringOf(member),
        JsonValueKind.Null => null,
        JsonValueKind.Number when DurationFields.Contains(member.Name) => member.Value.GetRawText(),
        var kind => throw Invalid(DurationFields.Contains(member.Name)
            ? $"the {member.Name} field must be a duration string (e.g. \"5m\") or a number of seconds, not {Describe(kind)}"
            : $"the {member.Name} field must be a string, not {Describe(kind)}", "invalid-field-type", member.Name),
    };

    private static string StringOf(JsonProperty member)
    {
        try
        {
            return member.Value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw SubmissionReader.Reject(Problems.BadRequest($"the {member.Name} field is not valid UTF-8", "invalid-utf8", Field(member.Name)));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream source, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw SubmissionReader.Reject(TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };

    private static ProblemHttpResult TooLarge(int limit) =>
        Problems.TooLarge($"the JSON body is larger than the limit of {limit:N0} bytes (the lyrics limit plus {Overhead / 1024} KiB)");

    /// <summary>A 400; <paramref name="field"/>, when given, is also named in the problem's <c>field</c> member.</summary>
    private static SubmissionRejectedException Invalid(string detail, string type = "invalid-request", string? field = null) =>
        SubmissionReader.Reject(Problems.BadRequest(detail, type, field is null ? null : Field(field)));

    private static Dictionary<string, object?> Field(string name) => new() { ["field"] = name };
}
