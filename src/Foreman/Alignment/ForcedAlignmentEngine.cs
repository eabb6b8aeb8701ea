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

    public AlignmentResult Align(string modelName, float[] samples, string lyrics, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var lines = Parse(lyrics);
        // Inference takes most of the time for a song; for hours of audio with long lyrics, alignment catches up.
        var emissions = ComputeEmissions(samples, ProgressSpan.Of(progress, 0, 0.7), cancellationToken);
        var spans = AlignLines(emissions, lines, ProgressSpan.Of(progress, 0.7, 1), cancellationToken);
        progress?.Report(1.0);
        return ToResult(modelName, lines, spans, emissions, samples.Length);
    }

    /// <exception cref="AlignmentInputException">No line of the lyrics has a token the model knows.</exception>
    public IReadOnlyList<LyricLine> Parse(string lyrics)
    {
        var lines = LyricsParser.Parse(lyrics, model.Vocabulary);
        return lines.Count > 0
            ? lines
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

    /// <summary>The engine's alignment: lines separated by gap states that absorb what is not lyrics.</summary>
    public LineSpan[] AlignLines(EmissionMatrix emissions, IReadOnlyList<LyricLine> lines, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var scorer = Scorer(emissions);
        var graph = AlignmentGraphBuilder.WithGaps(lines, model.Vocabulary, scorer);
        var scoring = _alignment.Scoring;
        var longStay = new LongStayCharge((int)Math.Round(scoring.FreeBreakSeconds / emissions.FrameSeconds), scoring.LongBreakPenalty);
        var path = CtcViterbi.Align(scorer, graph, longStay, _alignment.ToSearchLimits(), progress, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    /// <summary>Plain CTC Viterbi over the same emissions (delimiters between lines, no gap states), for comparison.</summary>
    public LineSpan[] AlignPlain(EmissionMatrix emissions, IReadOnlyList<LyricLine> lines, CancellationToken cancellationToken)
    {
        var graph = AlignmentGraphBuilder.PlainCtc(lines, model.Vocabulary);
        var path = CtcViterbi.Align(Scorer(emissions), graph, LongStayCharge.None, _alignment.ToSearchLimits(), null, cancellationToken);
        return PathReader.Read(path, graph, emissions, lines);
    }

    public AlignmentResult ToResult(string modelName, IReadOnlyList<LyricLine> lines, IReadOnlyList<LineSpan> spans, EmissionMatrix emissions, int sampleCount)
    {
        var duration = (double)sampleCount / model.SampleRate;
        double Start(int frame) => Math.Clamp((frame + _alignment.StartOffsetFrames) * emissions.FrameSeconds, 0, duration);
        double End(int frame) => Math.Clamp((frame + _alignment.EndOffsetFrames) * emissions.FrameSeconds, 0, duration);

        var aligned = new AlignedLine[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var words = lines[i].Words
                .Select((word, w) => new AlignedWord(word.Text, Start(spans[i].Words[w].First), End(spans[i].Words[w].Last), spans[i].Words[w].Confidence))
                .ToArray();
            var line = spans[i].Line;
            aligned[i] = new AlignedLine(lines[i].Text, Start(line.First), End(line.Last), line.Confidence, words);
        }
        return new AlignmentResult(modelName, duration, aligned);
    }

    private FrameScorer Scorer(EmissionMatrix emissions) =>
        new(emissions, model.Vocabulary.BlankId, model.Vocabulary.WordDelimiterId, _alignment.Scoring);
}
