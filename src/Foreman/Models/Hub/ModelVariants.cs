using System.Text.RegularExpressions;

namespace Foreman.Models.Hub;

/// <summary>
/// Which ONNX file of a repository a pull takes. Repositories exported for transformers.js (e.g.
/// <c>Xenova/wav2vec2-base-960h</c>) publish the graph several times under <c>onnx/</c>: <c>model.onnx</c> (fp32),
/// <c>model_quantized.onnx</c> (int8, for CPUs), <c>model_fp16.onnx</c>, ... The variant <c>default</c> takes the plain
/// <c>model.onnx</c>; any other name <c>X</c> takes <c>onnx/model_X.onnx</c> (or <c>model_X.onnx</c> at the root).
/// </summary>
public static partial class ModelVariants
{
    public const string Default = "default";

    public const string Pattern = "^[a-z0-9][a-z0-9_]{0,31}$";

    public static bool IsValid(string? variant) => variant is not null && VariantPattern().IsMatch(variant);

    /// <summary>Where the variant's ONNX file may be in a repository, most likely first.</summary>
    public static IReadOnlyList<string> OnnxPaths(string variant) =>
        variant == Default ? ["model.onnx", "onnx/model.onnx"] : [$"onnx/model_{variant}.onnx", $"model_{variant}.onnx"];

    /// <summary>The variants a repository's file list offers, default first, for the message of a variant it lacks.</summary>
    public static IEnumerable<string> Published(IEnumerable<string> paths) => paths
        .Select(p => PublishedPattern().Match(p))
        .Where(m => m.Success)
        .Select(m => m.Groups["variant"].Success ? m.Groups["variant"].Value : Default)
        .Distinct()
        .OrderBy(v => v == Default ? 0 : 1)
        .ThenBy(v => v, StringComparer.Ordinal);

    [GeneratedRegex(Pattern)]
    private static partial Regex VariantPattern();

    [GeneratedRegex("^(onnx/)?model(_(?<variant>[a-z0-9_]+))?\\.onnx$")]
    private static partial Regex PublishedPattern();
}
