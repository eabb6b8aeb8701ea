using Foreman.Alignment.Text;
using Foreman.Models;

namespace Foreman.Alignment.Ctc;

/// <summary>Builds the state sequences lyrics are aligned with.</summary>
public static class AlignmentGraphBuilder
{
    /// <summary>
    /// Plain CTC, as most forced aligners do it: every line's tokens with the word delimiter between words and
    /// between lines, optional blanks between tokens, and no way for a frame to belong to no line.
    /// </summary>
    public static AlignmentGraph PlainCtc(IReadOnlyList<LyricLine> lines, Vocabulary vocabulary)
    {
        var states = new List<GraphState>();
        AddBlank(states, -1, -1, vocabulary);
        for (var line = 0; line < lines.Count; line++)
        {
            if (line > 0) AddDelimiter(states, -1, vocabulary);
            AddLine(states, lines[line], line, vocabulary);
        }
        AddBlank(states, -1, -1, vocabulary);
        return new AlignmentGraph(states);
    }

    /// <summary>
    /// Lines separated by an optional gap state (also before the first line and after the last) that absorbs
    /// whatever is not lyrics, scored by <see cref="FrameScorer"/>'s gap column.
    /// </summary>
    public static AlignmentGraph WithGaps(IReadOnlyList<LyricLine> lines, Vocabulary vocabulary, int gapColumn)
    {
        var states = new List<GraphState>();
        states.Add(new GraphState(gapColumn, Optional: true, Line: -1, Word: -1));
        for (var line = 0; line < lines.Count; line++)
        {
            AddLine(states, lines[line], line, vocabulary);
            states.Add(new GraphState(gapColumn, Optional: true, Line: -1, Word: -1));
        }
        return new AlignmentGraph(states);
    }

    // token (blank token)* with the delimiter between words; blanks between tokens stay optional: the graph makes
    // one mandatory where two equal tokens meet.
    private static void AddLine(List<GraphState> states, LyricLine line, int lineIndex, Vocabulary vocabulary)
    {
        for (var word = 0; word < line.Words.Count; word++)
        {
            if (word > 0) AddDelimiter(states, lineIndex, vocabulary);
            var first = true;
            foreach (var token in line.Words[word].Tokens)
            {
                if (!vocabulary.TryGetId(token, out var id)) continue;
                if (!first) AddBlank(states, lineIndex, word, vocabulary);
                states.Add(new GraphState(id, Optional: false, lineIndex, word));
                first = false;
            }
        }
    }

    private static void AddDelimiter(List<GraphState> states, int line, Vocabulary vocabulary)
    {
        AddBlank(states, line, -1, vocabulary);
        if (vocabulary.WordDelimiterId is { } delimiter)
        {
            states.Add(new GraphState(delimiter, Optional: false, line, -1));
            AddBlank(states, line, -1, vocabulary);
        }
    }

    private static void AddBlank(List<GraphState> states, int line, int word, Vocabulary vocabulary) =>
        states.Add(new GraphState(vocabulary.BlankId, Optional: true, line, word));
}
