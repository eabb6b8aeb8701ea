using System.Text.Json;

namespace Foreman.Alignment;

/// <summary>The stored form of a finished job's alignment: full precision, so every output format can be rendered from it later.</summary>
public static class AlignmentResultJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Serialize(AlignmentResult result) => JsonSerializer.Serialize(result, Options);

    public static AlignmentResult Deserialize(string json) =>
        JsonSerializer.Deserialize<AlignmentResult>(json, Options) ?? throw new InvalidDataException("stored result is empty");
}
