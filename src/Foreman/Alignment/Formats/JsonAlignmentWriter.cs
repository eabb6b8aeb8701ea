using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Foreman.Alignment.Formats;

/// <summary><c>{"model","duration","lines":[{"text","start","end","confidence","words":[…]}]}</c>, times to the millisecond.</summary>
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
            Start = Timestamps.RoundedSeconds(line.Start),
            End = Timestamps.RoundedSeconds(line.End),
            Confidence = Confidence(line.Confidence),
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
