using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Foreman.Alignment.Formats;

/// <summary><c>{"model","duration","language","lines":[{"index","text","start","end","confidence","words":[…],"status","reason"}]}</c>, times to the millisecond; members without a value (the times of a skipped line) are left out.</summary>
internal static class JsonAlignmentWriter
{
    // Lyrics are served as application/json, never inlined into HTML, so apostrophes, quotes and accents stay readable.
    private static readonly JsonTypeInfo<AlignmentResult> TypeInfo = (JsonTypeInfo<AlignmentResult>)new JsonSerializerOptions(AlignmentJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(AlignmentResult));

    public static string Write(AlignmentResult result) => JsonSerializer.Serialize(Rounded(result), TypeInfo) + "\n";

    private static AlignmentResult Rounded(AlignmentResult result) => result with
    {
        Duration = Timestamps.RoundedSeconds(result.Duration),
        Lines = result.Lines.Select(line => line with
        {
            Start = line.Start is { } start ? Timestamps.RoundedSeconds(start) : null,
            End = line.End is { } end ? Timestamps.RoundedSeconds(end) : null,
            Confidence = line.Confidence is { } confidence ? Confidence(confidence) : null,
            Words = line.Words.Select(word => word with
            {
                Start = Timestamps.RoundedSeconds(word.Start),
                End = Timestamps.RoundedSeconds(word.End),
                Confidence = Confidence(word.Confidence),
            }).ToList(),
        }).ToList(),
    };

    // JSON has no NaN; a confidence the engine could not compute is written as 0.
    private static double Confidence(double confidence) =>
        double.IsFinite(confidence) ? Math.Round(confidence, 3, MidpointRounding.AwayFromZero) : 0;
}
