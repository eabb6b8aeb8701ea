using System.Text.Json.Serialization;

namespace Foreman.Alignment.Formats;

/// <summary>Source-generated (trimming-safe) JSON for <see cref="AlignmentResult"/>, with lower snake-case keys; null members (a skipped line's times) are left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlignmentResult))]
internal sealed partial class AlignmentJsonContext : JsonSerializerContext;
