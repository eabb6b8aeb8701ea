using Foreman.Alignment.Text;
using Foreman.Emissions;

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
        var builder = new Builder(vocabulary, vocabulary.BlankId, vocabulary.BlankId);
        builder.AddBlank(-1, -1);
        for (var line = 0; line < lines.Count; line++)
        {
            if (line > 0) builder.AddDelimiter(-1);
            builder.AddLine(lines[line], line);
        }
        builder.AddBlank(-1, -1);
        return new AlignmentGraph(builder.States);
    }

    /// <summary>
    /// Lines separated by an optional gap state (also before the first line and after the last) that absorbs
    /// whatever is not lyrics; blanks inside lines read a penalized blank column (more heavily up to the line's second
    /// word delimiter, where a stray letter would otherwise start the line early). Gaps between two lines are
    /// <see cref="GraphState.LongStayCharged"/>, the intro and outro are not.
    /// </summary>
    public static AlignmentGraph WithGaps(IReadOnlyList<LyricLine> lines, Vocabulary vocabulary, FrameScorer scorer)
    {
        var builder = new Builder(vocabulary, scorer.LineBlankColumn, scorer.OnsetBlankColumn);
        builder.States.Add(new GraphState(scorer.GapColumn, Token: -1, Optional: true, LongStayCharged: false, Line: -1, Word: -1));
        for (var line = 0; line < lines.Count; line++)
        {
            builder.AddLine(lines[line], line);
            var between = line < lines.Count - 1;
            builder.States.Add(new GraphState(scorer.GapColumn, Token: -1, Optional: true, LongStayCharged: between, Line: -1, Word: -1));
        }
        return new AlignmentGraph(builder.States);
    }

    private sealed class Builder(Vocabulary vocabulary, int lineBlankColumn, int onsetBlankColumn)
    {
        // Blanks read the onset column from a line's start up to its first word delimiter.
        private bool _inOnset;

        public List<GraphState> States { get; } = [];

        // token (blank token)* with the delimiter between words. Blanks stay optional: the graph makes one
        // mandatory where two equal tokens meet.
        public void AddLine(LyricLine line, int lineIndex)
        {
            _inOnset = true;
            for (var word = 0; word < line.Words.Count; word++)
            {
                if (word > 0) AddDelimiter(lineIndex);
                var first = true;
                foreach (var token in line.Words[word].Tokens)
                {
                    if (!vocabulary.TryGetId(token, out var id)) continue;
                    if (!first) AddBlank(lineIndex, word);
                    States.Add(new GraphState(id, id, Optional: false, LongStayCharged: false, lineIndex, word));
                    first = false;
                }
            }
        }

        public void AddDelimiter(int line)
        {
            AddBlank(line, -1);
            _inOnset = false;
            if (vocabulary.WordDelimiterId is not { } delimiter) return;
            States.Add(new GraphState(delimiter, delimiter, Optional: false, LongStayCharged: false, line, -1));
            AddBlank(line, -1);
        }

        // Blanks outside every line (plain CTC only) read the plain blank column.
        public void AddBlank(int line, int word) => States.Add(new GraphState(
            line < 0 ? vocabulary.BlankId : _inOnset ? onsetBlankColumn : lineBlankColumn, vocabulary.BlankId, Optional: true, LongStayCharged: false, line, word));
    }
}
