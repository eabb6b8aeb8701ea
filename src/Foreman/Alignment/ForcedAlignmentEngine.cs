using Foreman.Alignment.Ctc;
using Foreman.Alignment.Text;
using Foreman.Emissions;

namespace Foreman.Alignment;

/// <summary>
/// Lyrics + what a model heard → timed lines and words: parse, align with gap states between lines. The stages are
/// public so the benchmark can time them and compare against plain CTC on the same emissions.
/// </summary>
public sealed class ForcedAlignmentEngine(AlignmentOptions alignment)
{
    private readonly AlignmentOptions _alignment = alignment.Validate();

    /// <summary>Aligns parsed lyrics (see <see cref="Parse"/>) to what a model heard.</summary>
    /// <exception cref="AlignmentInputException">The audio is shorter than one model frame, or too short for the lyrics.</exception>
    public AlignmentResult Align(string modelName, AudioEmissions heard, ParsedLyrics parsed, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (heard.Matrix.Frames == 0)
            throw new AlignmentInputException($"the audio is too short to align: {heard.Duration:0.###} s holds no model frame");
        var spans = AlignLines(heard.Matrix, heard.Vocabulary, parsed.Sung, progress, cancellationToken);
        progress?.Report(1.0);
        return ToResult(modelName, parsed, spans, heard);
    }

    /// <summary>
    /// The one parse of a request's lyrics: the submitter runs it to reject lyrics with nothing to align and to settle
    /// the language, and the worker runs it again with that language, so both read the lyrics the same way.
    /// </summary>
    /// <param name="language">ISO 639-1 code of the lyrics (validated by the caller); null to guess it from the script.</param>
    /// <exception cref="AlignmentInputException">No line of the lyrics has a token the model knows.</exception>
    public static ParsedLyrics Parse(string lyrics, Vocabulary vocabulary, string? language = null)
    {
        var parsed = LyricsParser.Parse(lyrics, vocabulary, language);
        return parsed.Sung.Count > 0
            ? parsed
            : throw new AlignmentInputException("the lyrics contain no line to align: they are empty, or only blank lines, section tags or characters the model cannot hear");
    }

    /// <summary>The engine's alignment: lines separated by gap states that absorb what is not lyrics.</summary>
    public LineSpan[] AlignLines(EmissionMatrix emissions, Vocabulary vocabulary, IReadOnlyList<LyricLine> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var scorer = Scorer(emissions, vocabulary);
        var graph = AlignmentGraphBuilder.WithGaps(lines, vocabulary, scorer);
        var scoring = _alignment.Scoring;
        var longStay = new LongStayCharge((int)Math.Round(scoring.FreeBreakSeconds / emissions.FrameSeconds), scoring.LongBreakPenalty);
        var path = CtcViterbi.Align(scorer, graph, longStay, _alignment.ToSearchLimits(), progress, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    /// <summary>Plain CTC Viterbi over the same emissions (delimiters between lines, no gap states), for comparison.</summary>
    public LineSpan[] AlignPlain(EmissionMatrix emissions, Vocabulary vocabulary, IReadOnlyList<LyricLine> lines, CancellationToken cancellationToken)
    {
        var graph = AlignmentGraphBuilder.PlainCtc(lines, vocabulary);
        var path = CtcViterbi.Align(Scorer(emissions, vocabulary), graph, LongStayCharge.None, _alignment.ToSearchLimits(), null, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    /// <summary>Every line of <paramref name="parsed"/>, the sung ones timed by <paramref name="spans"/> (one per sung line, in order).</summary>
    public AlignmentResult ToResult(string modelName, ParsedLyrics parsed, IReadOnlyList<LineSpan> spans, AudioEmissions heard)
    {
        var duration = heard.Duration;
        var frameSeconds = heard.Matrix.FrameSeconds;
        double Start(int frame) => Math.Clamp((frame + _alignment.StartOffsetFrames) * frameSeconds, 0, duration);
        double End(int frame) => Math.Clamp((frame + _alignment.EndOffsetFrames) * frameSeconds, 0, duration);

        var lines = new List<AlignedLine>(parsed.Lines.Count);
        var sung = 0;
        foreach (var line in parsed.Lines)
        {
            if (line.Status != LineStatus.Aligned)
            {
                lines.Add(new AlignedLine(line.Text, null, null, null, []) { Index = line.Index, Status = line.Status, Reason = line.Reason });
                continue;
            }
            var span = spans[sung++];
            var words = line.Words
                .Select((word, w) => new AlignedWord(word.Text, Start(span.Words[w].First), End(span.Words[w].Last), span.Words[w].Confidence))
                .ToArray();
            lines.Add(new AlignedLine(line.Text, Start(span.Line.First), End(span.Line.Last), span.Line.Confidence, words) { Index = line.Index });
        }
        return new AlignmentResult(modelName, duration, lines) { Language = parsed.Language };
    }

    private FrameScorer Scorer(EmissionMatrix emissions, Vocabulary vocabulary) =>
        new(emissions, vocabulary.BlankId, vocabulary.WordDelimiterId, _alignment.Scoring);
}
