using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Foreman.Alignment.Formats;

namespace Foreman.Alignment;

/// <summary>
/// The stored form of a finished job's alignment: full precision, so every output format can be rendered from it
/// later. One JSON contract with the served <c>json</c> format (<see cref="AlignmentJsonContext"/>: the same names,
/// nulls left out), written compact because people read the rendered form, not this one.
/// </summary>
public static class AlignmentResultJson
{
    private static readonly JsonTypeInfo<AlignmentResult> Stored = (JsonTypeInfo<AlignmentResult>)new JsonSerializerOptions(AlignmentJsonContext.Default.Options)
    {
        WriteIndented = false,
    }.GetTypeInfo(typeof(AlignmentResult));

    public static string Serialize(AlignmentResult result) => JsonSerializer.Serialize(result, Stored);

    public static AlignmentResult Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Stored) ?? throw new InvalidDataException("stored result is empty");
}
