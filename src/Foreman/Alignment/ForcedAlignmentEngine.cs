using Foreman.Alignment.Audio;
using Foreman.Alignment.Ctc;
using Foreman.Alignment.Emissions;
using Foreman.Alignment.Text;
using Foreman.Models;

namespace Foreman.Alignment;

/// <summary>
/// Lyrics + decoded audio → timed lines and words: parse, compute emissions, align with gap states between lines.
/// The stages are public so the benchmark can time them and compare against plain CTC on the same emissions.
/// </summary>
public sealed class ForcedAlignmentEngine(CtcModel model, InferenceOptions inference, AlignmentOptions alignment)
{
    private readonly EmissionCalculator _emissions = new(model, inference.Validate());
    private readonly AlignmentOptions _alignment = alignment.Validate();

    /// <param name="language">ISO 639-1 code of the lyrics (validated by the caller); null to guess it from the script.</param>
    public AlignmentResult Align(string modelName, float[] samples, string lyrics, string? language, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var parsed = Parse(lyrics, language);
        // Inference takes most of the time for a song; for hours of audio with long lyrics, alignment catches up.
        var emissions = ComputeEmissions(samples, ProgressSpan.Of(progress, 0, 0.7), cancellationToken);
        var spans = AlignLines(emissions, LoudnessRanks(samples, emissions), parsed.Sung, ProgressSpan.Of(progress, 0.7, 1), cancellationToken);
        progress?.Report(1.0);
        return ToResult(modelName, parsed, spans, emissions, samples.Length);
    }

    /// <exception cref="AlignmentInputException">No line of the lyrics has a token the model knows.</exception>
    public ParsedLyrics Parse(string lyrics, string? language = null)
    {
        var parsed = LyricsParser.Parse(lyrics, model.Vocabulary, language);
        return parsed.Sung.Count > 0
            ? parsed
            : throw new AlignmentInputException("the lyrics contain no line to align: every line is empty, a tag, or has no letter the model knows");
    }

    /// <exception cref="AlignmentInputException">The audio is shorter than one model frame.</exception>
    public EmissionMatrix ComputeEmissions(float[] samples, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // Below one stride-and-a-bit the model has no complete frame; such audio cannot hold any lyrics anyway.
        if (samples.Length < 2 * model.FrameStride)
            throw new AlignmentInputException($"the audio is too short to align: {samples.Length} samples ({(double)samples.Length / model.SampleRate:0.###} s)");
        return _emissions.Compute(samples, progress, cancellationToken);
    }

    /// <summary>Each frame's loudness rank in the file, for <see cref="AlignLines"/>; null when quiet frames are not charged.</summary>
    public float[]? LoudnessRanks(float[] samples, EmissionMatrix emissions) =>
        _alignment.Scoring.ChargesQuietFrames
            ? LoudnessRank.Of(samples, model.FrameStride, emissions.Frames, Math.Max(1, (int)Math.Round(_alignment.Scoring.LoudnessWindowSeconds / emissions.FrameSeconds)))
            : null;

    /// <summary>
    /// The engine's alignment: lines separated by gap states that absorb what is not lyrics, and charged for the
    /// quietest frames when <paramref name="loudnessRanks"/> are given. Line confidence is agreement with alternative
    /// alignments (<see cref="AlignmentOptions.ConfidenceFromAgreement"/>), or else the mean posterior of the line's frames.
    /// </summary>
    public LineSpan[] AlignLines(EmissionMatrix emissions, float[]? loudnessRanks, IReadOnlyList<LyricLine> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var limits = _alignment.ToSearchLimits();
        if (!_alignment.ConfidenceFromAgreement)
            return AlignWithGaps(emissions, loudnessRanks, lines, _alignment.Scoring, limits, progress, cancellationToken);

        var chosen = AlignWithGaps(emissions, loudnessRanks, lines, _alignment.Scoring, limits, ProgressSpan.Of(progress, 0, 0.5), cancellationToken);
        var neighbours = _alignment.Scoring.Neighbours().ToArray();
        var alternatives = new LineSpan[neighbours.Length][];
        // The alternatives running at once share the back-pointer budget, so long audio stays within it (checkpointed
        // trace-backs cost them time instead).
        var parallel = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, neighbours.Length));
        var shared = limits with { BackpointerBudgetBytes = Math.Max(1L << 20, limits.BackpointerBudgetBytes / parallel) };
        var done = 0;
        Parallel.For(0, neighbours.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, n =>
        {
            alternatives[n] = AlignWithGaps(emissions, loudnessRanks, lines, neighbours[n], shared, null, cancellationToken);
            // Under a lock, so progress never reads backwards.
            lock (alternatives) progress?.Report(0.5 + 0.5 * ++done / neighbours.Length);
        });
        return LineConfidence.FromAgreement(chosen, alternatives, (int)Math.Round(_alignment.ConfidenceToleranceSeconds / emissions.FrameSeconds));
    }

    private LineSpan[] AlignWithGaps(EmissionMatrix emissions, float[]? loudnessRanks, IReadOnlyList<LyricLine> lines, LineScoringOptions scoring,
        SearchLimits limits, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var scorer = new FrameScorer(emissions, model.Vocabulary.BlankId, model.Vocabulary.WordDelimiterId, scoring, loudnessRanks);
        var graph = AlignmentGraphBuilder.WithGaps(lines, model.Vocabulary, scorer);
        var longStay = new LongStayCharge((int)Math.Round(scoring.FreeBreakSeconds / emissions.FrameSeconds), scoring.LongBreakPenalty);
        var path = CtcViterbi.Align(scorer, graph, longStay, limits, progress, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    /// <summary>Plain CTC Viterbi over the same emissions (delimiters between lines, no gap states), for comparison.</summary>
    public LineSpan[] AlignPlain(EmissionMatrix emissions, IReadOnlyList<LyricLine> lines, CancellationToken cancellationToken)
    {
        var graph = AlignmentGraphBuilder.PlainCtc(lines, model.Vocabulary);
        var path = CtcViterbi.Align(Scorer(emissions), graph, LongStayCharge.None, _alignment.ToSearchLimits(), null, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    /// <summary>Every line of <paramref name="parsed"/>, the sung ones timed by <paramref name="spans"/> (one per sung line, in order).</summary>
    public AlignmentResult ToResult(string modelName, ParsedLyrics parsed, IReadOnlyList<LineSpan> spans, EmissionMatrix emissions, int sampleCount)
    {
        var duration = (double)sampleCount / model.SampleRate;
        double Start(int frame) => Math.Clamp((frame + _alignment.StartOffsetFrames) * emissions.FrameSeconds, 0, duration);
        double End(int frame) => Math.Clamp((frame + _alignment.EndOffsetFrames) * emissions.FrameSeconds, 0, duration);

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

    private FrameScorer Scorer(EmissionMatrix emissions) =>
        new(emissions, model.Vocabulary.BlankId, model.Vocabulary.WordDelimiterId, _alignment.Scoring);
}
