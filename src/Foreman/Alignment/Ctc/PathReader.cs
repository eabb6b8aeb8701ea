using Foreman.Emissions;
using Foreman.Alignment.Text;

namespace Foreman.Alignment.Ctc;

/// <summary>Reads a Viterbi state path back as the frame spans of lines and words.</summary>
public static class PathReader
{
    public static LineSpan[] Read(int[] path, AlignmentGraph graph, EmissionMatrix emissions, IReadOnlyList<LyricLine> lines)
    {
        var firstFrame = lines.Select(l => Enumerable.Repeat(-1, l.Words.Count).ToArray()).ToArray();
        var lastFrame = lines.Select(l => new int[l.Words.Count]).ToArray();
        for (var t = 0; t < path.Length; t++)
        {
            var state = graph[path[t]];
            if (state.Line < 0 || state.Word < 0) continue;
            if (firstFrame[state.Line][state.Word] < 0) firstFrame[state.Line][state.Word] = t;
            lastFrame[state.Line][state.Word] = t;
        }

        var spans = new LineSpan[lines.Count];
        for (var line = 0; line < lines.Count; line++)
        {
            var words = new FrameSpan[lines[line].Words.Count];
            for (var word = 0; word < words.Length; word++)
                words[word] = SpanOf(firstFrame[line][word], lastFrame[line][word], path, graph, emissions);
            // Every word holds at least one frame: the graph makes its first token mandatory.
            spans[line] = new LineSpan(SpanOf(words[0].First, words[^1].Last, path, graph, emissions), words);
        }
        return spans;
    }

    private static FrameSpan SpanOf(int first, int last, int[] path, AlignmentGraph graph, EmissionMatrix emissions)
    {
        var sum = 0.0;
        for (var t = first; t <= last; t++) sum += Math.Exp(emissions[t, graph[path[t]].Token]);
        return new FrameSpan(first, last, sum / (last - first + 1));
    }
}
