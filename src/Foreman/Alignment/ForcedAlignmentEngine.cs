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
        var spans = AlignLines(heard, parsed.Sung, progress, cancellationToken);
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

    /// <summary>
    /// The engine's alignment: lines separated by gap states that absorb what is not lyrics, and charged for the
    /// quietest frames when the emissions carry each frame's energy. Line confidence is agreement with alternative
    /// alignments and with the start's posterior (<see cref="LineConfidence"/>,
    /// <see cref="AlignmentOptions.ConfidenceFromAgreement"/>) where the search is exact (every song), the posterior's
    /// alone beyond; or else the mean posterior of the line's frames.
    /// </summary>
    public LineSpan[] AlignLines(AudioEmissions heard, IReadOnlyList<LyricLine> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var limits = _alignment.ToSearchLimits();
        var loudness = LoudnessRanks(heard);
        if (!_alignment.ConfidenceFromAgreement)
            return AlignWithGaps(heard, loudness, lines, _alignment.Scoring, limits, progress, cancellationToken);

        var tolerance = Frames(_alignment.ConfidenceToleranceSeconds, heard);
        // Beyond the exact search (hours of audio with thousands of words), ten more banded alignments cost several
        // times the alignment itself (an hour with 8,248 words: 45 → 237 s of CPU, 647 MB → 1.07 GB); the posterior's
        // band keeps its cost per frame that of a song.
        if (!SearchedExactly(heard, lines, limits))
        {
            // The posterior takes about a tenth of the banded search's time (an hour: 4 s of 35).
            var banded = AlignWithGaps(heard, loudness, lines, _alignment.Scoring, limits, ProgressSpan.Of(progress, 0, 0.9), cancellationToken);
            var posterior = StartPosterior(heard, loudness, lines, banded, tolerance, ProgressSpan.Of(progress, 0.9, 1), cancellationToken);
            return LineConfidence.Of(banded, [], posterior, tolerance);
        }

        var chosen = AlignWithGaps(heard, loudness, lines, _alignment.Scoring, limits, ProgressSpan.Of(progress, 0, 0.5), cancellationToken);
        var neighbours = _alignment.Scoring.Neighbours().ToArray();
        var alternatives = new LineSpan[neighbours.Length][];
        var startPosterior = Array.Empty<double>();
        // The posterior and the alternatives run at once. The alternatives share the back-pointer budget, so long audio
        // stays within it (checkpointed trace-backs cost them time instead); the posterior, which takes about as long as
        // one or two of them, is queued first, so it does not run alone at the end.
        var tasks = neighbours.Length + 1;
        var parallel = Math.Clamp(Environment.ProcessorCount, 1, tasks);
        var shared = limits with { BackpointerBudgetBytes = Math.Max(1L << 20, limits.BackpointerBudgetBytes / parallel) };
        var done = 0;
        Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, n =>
        {
            if (n == 0) startPosterior = StartPosterior(heard, loudness, lines, chosen, tolerance, null, cancellationToken);
            else alternatives[n - 1] = AlignWithGaps(heard, loudness, lines, neighbours[n - 1], shared, null, cancellationToken);
            // Under a lock, so progress never reads backwards.
            lock (alternatives) progress?.Report(0.5 + 0.5 * ++done / tasks);
        });
        return LineConfidence.Of(chosen, alternatives, startPosterior, tolerance);
    }

    private double[] StartPosterior(AudioEmissions heard, float[]? loudness, IReadOnlyList<LyricLine> lines, LineSpan[] chosen, int tolerance,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var (scorer, graph) = Lattice(heard, loudness, lines, _alignment.Scoring);
        return LineStartPosterior.AgreementWithChosen(scorer, graph, chosen, tolerance, Frames(_alignment.ConfidenceWindowSeconds, heard), progress,
            cancellationToken);
    }

    private static int Frames(double seconds, AudioEmissions heard) => (int)Math.Round(seconds / heard.Matrix.FrameSeconds);

    private static bool SearchedExactly(AudioEmissions heard, IReadOnlyList<LyricLine> lines, SearchLimits limits)
    {
        var (_, graph) = Lattice(heard, null, lines, new LineScoringOptions());
        return limits.StatesPerFrame(graph, heard.Matrix.Frames) >= graph.Count;
    }

    // Each frame's loudness rank in the file; null when the quiet charge is off or the emissions carry no energies.
    private float[]? LoudnessRanks(AudioEmissions heard)
    {
        var scoring = _alignment.Scoring;
        if (!scoring.ChargesQuietFrames || heard.FrameEnergy is not { } energy) return null;
        return LoudnessRank.Of(energy, Math.Max(1, Frames(scoring.LoudnessWindowSeconds, heard)));
    }

    private static (FrameScorer Scorer, AlignmentGraph Graph) Lattice(AudioEmissions heard, float[]? loudness, IReadOnlyList<LyricLine> lines,
        LineScoringOptions scoring)
    {
        var scorer = new FrameScorer(heard.Matrix, heard.Vocabulary.BlankId, heard.Vocabulary.WordDelimiterId, scoring, loudness);
        return (scorer, AlignmentGraphBuilder.WithGaps(lines, heard.Vocabulary, scorer));
    }

    private static LineSpan[] AlignWithGaps(AudioEmissions heard, float[]? loudness, IReadOnlyList<LyricLine> lines, LineScoringOptions scoring,
        SearchLimits limits, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var (scorer, graph) = Lattice(heard, loudness, lines, scoring);
        var longStay = new LongStayCharge(Frames(scoring.FreeBreakSeconds, heard), scoring.LongBreakPenalty);
        var path = CtcViterbi.Align(scorer, graph, longStay, limits, progress, cancellationToken);
        return PathReader.Read(path, graph, heard.Matrix, lines);
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
