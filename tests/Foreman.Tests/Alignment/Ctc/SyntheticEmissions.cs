using Foreman.Alignment.Emissions;
using Foreman.Alignment.Text;
using Foreman.Models;

namespace Foreman.Tests.Alignment.Ctc;

/// <summary>Hand-built emissions and lyrics over a tiny vocabulary, for alignments with known answers.</summary>
internal static class SyntheticEmissions
{
    /// <summary>_ blank, | delimiter, then letters; '*' in a frame script means noise (no token dominates).</summary>
    public static Vocabulary Vocabulary { get; } = new(new Dictionary<string, int>
    {
        ["<pad>"] = 0, ["|"] = 1, ["A"] = 2, ["B"] = 3, ["C"] = 4, ["L"] = 5, ["O"] = 6, ["X"] = 7,
    });

    /// <summary>
    /// One frame per character: '_' blank, '|' delimiter, a letter, or '*' a frame where the model fires a stray X.
    /// The named token gets probability 0.9, the rest share 0.1.
    /// </summary>
    public static EmissionMatrix FromScript(string script)
    {
        var width = Vocabulary.Size;
        var values = new float[script.Length * width];
        for (var t = 0; t < script.Length; t++)
        {
            var token = script[t] switch { '_' => "<pad>", '*' => "X", var c => c.ToString() };
            Vocabulary.TryGetId(token, out var id);
            for (var c = 0; c < width; c++) values[t * width + c] = MathF.Log(c == id ? 0.9f : 0.1f / (width - 1));
        }
        return new EmissionMatrix(values, script.Length, width, 0.02);
    }

    /// <summary>Lines of space-separated words.</summary>
    public static IReadOnlyList<LyricLine> Lines(params string[] lines) => lines
        .Select((text, i) => new LyricLine(i + 1, text,
            text.Split(' ').Select(w => new LyricWord(w, w.Select(c => c.ToString()).ToArray())).ToArray()))
        .ToArray();
}
