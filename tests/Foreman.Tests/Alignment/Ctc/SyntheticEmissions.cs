using Foreman.Emissions;
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

    /// <summary>
    /// Long random lyrics sung into a frame script: each line after a break of blanks and stray X frames, each letter
    /// held 1–4 frames, blanks between some letters, the delimiter between words; then emissions in which every
    /// frame's named token is likely but not certain (probability 0.4–0.95, the rest spread at random).
    /// </summary>
    public static (EmissionMatrix Emissions, IReadOnlyList<LyricLine> Lines) Planted(int seed, int lineCount)
    {
        var random = new Random(seed);
        const string letters = "ABCLO";
        var lines = new string[lineCount];
        var script = new System.Text.StringBuilder();
        for (var line = 0; line < lineCount; line++)
        {
            var words = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => letters[random.Next(letters.Length)]).ToArray()))
                .ToArray();
            lines[line] = string.Join(' ', words);
            for (var frame = random.Next(3, 80); frame > 0; frame--) script.Append(random.Next(4) == 0 ? '*' : '_');
            for (var word = 0; word < words.Length; word++)
            {
                if (word > 0) script.Append('|', random.Next(1, 3));
                for (var letter = 0; letter < words[word].Length; letter++)
                {
                    // CTC needs a blank between two equal letters; elsewhere one is sung now and then.
                    if (letter > 0 && (words[word][letter] == words[word][letter - 1] || random.Next(3) == 0)) script.Append('_', random.Next(1, 4));
                    script.Append(words[word][letter], random.Next(1, 5));
                }
            }
        }
        script.Append('_', 20);
        return (FromScript(script.ToString(), random), Lines(lines));
    }

    private static EmissionMatrix FromScript(string script, Random random)
    {
        var width = Vocabulary.Size;
        var values = new float[script.Length * width];
        var rest = new double[width];
        for (var t = 0; t < script.Length; t++)
        {
            var token = script[t] switch { '_' => "<pad>", '*' => "X", var c => c.ToString() };
            Vocabulary.TryGetId(token, out var id);
            var named = 0.4 + 0.55 * random.NextDouble();
            for (var c = 0; c < width; c++) rest[c] = c == id ? 0 : random.NextDouble();
            var sum = rest.Sum();
            for (var c = 0; c < width; c++) values[t * width + c] = (float)Math.Log(c == id ? named : (1 - named) * rest[c] / sum);
        }
        return new EmissionMatrix(values, script.Length, width, 0.02);
    }
}
