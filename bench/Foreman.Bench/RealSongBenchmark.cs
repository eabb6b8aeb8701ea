using System.Globalization;
using Foreman.Alignment;
using Foreman.Inputs.Audio;
using Foreman.Cli;
using Foreman.Models;

namespace Foreman.Bench;

/// <summary>
/// Aligns songs with human word timings (../shared/real-songs) with one or more models, the engine beside plain CTC
/// Viterbi over the same emissions, and prints the literature's figures per song and overall: word-start AAE,
/// median error and PCO (share within 0.3 s), line-start AAE and PCO, and how well line confidence separates good
/// lines (within 0.3 s) from bad ones (beyond 1 s), as ROC AUC, and the share of each the dashboard marks for checking.
/// </summary>
public static class RealSongBenchmark
{
    private const double GoodLine = 0.3, BadLine = 1.0;

    /// <param name="models">Name and folder of each model, the one under test first (e.g. then the previous model).</param>
    /// <returns>0 when every song aligned with every model, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string songsDirectory, IReadOnlyList<(string Name, string Directory)> models, InferenceOptions inference,
        AlignmentOptions alignment, TextWriter output, CancellationToken cancellationToken)
    {
        var songs = RealSongFolder.Load(songsDirectory);
        var decoder = new AudioDecoder(ModelFolder.Open(models[0].Directory).SampleRate);
        var audio = new Dictionary<string, DecodedAudio>();
        foreach (var song in songs)
            audio[song.Song.Name] = await decoder.DecodeAsync(song.Song.AudioPath, cancellationToken).ConfigureAwait(false);

        var aligner = new ForcedAlignmentEngine(alignment);
        var runs = new List<Run>();
        var failures = 0;
        foreach (var (name, directory) in models)
        {
            using var model = OnnxLoadedModel.Load(directory, name, inference);
            foreach (var song in songs)
            {
                try
                {
                    runs.AddRange(Align(aligner, model, song, audio[song.Song.Name], cancellationToken));
                }
                catch (AlignmentInputException e)
                {
                    failures++;
                    await output.WriteLineAsync($"{name}: {song.Song.Name}: cannot align: {e.Message}").ConfigureAwait(false);
                }
            }
        }

        await output.WriteLineAsync(AccuracyTable(runs)).ConfigureAwait(false);
        await output.WriteLineAsync(ConfidenceTable(runs)).ConfigureAwait(false);
        foreach (var name in runs.Select(r => r.Model).Distinct())
        {
            var engine = Words(runs.Where(r => r.Model == name && r.Aligner == "engine")).Mean;
            var plain = Words(runs.Where(r => r.Model == name && r.Aligner == "plain")).Mean;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: word AAE engine/plain={engine / plain:0.00}")).ConfigureAwait(false);
        }
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<Run> Align(ForcedAlignmentEngine engine, OnnxLoadedModel model, RealSong song, DecodedAudio audio, CancellationToken cancellationToken)
    {
        var parsed = ForcedAlignmentEngine.Parse(song.Song.Lyrics, model.Vocabulary);
        var heard = model.Listen(audio.Samples, null, cancellationToken);
        foreach (var (aligner, spans) in new[]
                 {
                     ("engine", engine.AlignLines(heard, parsed.Sung, null, cancellationToken)),
                     ("plain", engine.AlignPlain(heard.Matrix, heard.Vocabulary, parsed.Sung, cancellationToken)),
                 })
        {
            yield return new Run(model.Name, aligner, song, SongErrors.Of(song.Song, engine.ToResult(model.Name, parsed, spans, heard)));
        }
    }

    private static string AccuracyTable(List<Run> runs)
    {
        var table = new TextTable("song", "language", "model", "aligner", "words", "word AAE s", "median s", "PCO@0.3s", "lines", "line AAE s", "line PCO@0.3s");
        foreach (var song in runs.Select(r => r.Song).Distinct())
        foreach (var run in runs.Where(r => r.Song == song))
            table.Add([song.Song.Name, song.Language, run.Model, run.Aligner, .. Cells(Words([run]), Lines([run]))]);
        foreach (var group in runs.GroupBy(r => (r.Model, r.Aligner)))
            table.Add(["all", "", group.Key.Model, group.Key.Aligner, .. Cells(Words(group), Lines(group))]);
        return table.ToString();
    }

    private static string ConfidenceTable(List<Run> runs)
    {
        var table = new TextTable("model", "aligner", $"good lines (≤{GoodLine} s)", $"bad lines (>{BadLine} s)", "confidence ROC AUC",
            string.Create(CultureInfo.InvariantCulture, $"good marked <{MarkedForChecking.Below}"),
            string.Create(CultureInfo.InvariantCulture, $"bad marked <{MarkedForChecking.Below}"));
        foreach (var group in runs.GroupBy(r => (r.Model, r.Aligner)))
        {
            // SongErrors keeps each timed line's error and confidence in the same order.
            var lines = group.SelectMany(r => r.Errors.LineStarts.Zip(r.Errors.LineConfidences, (error, confidence) => (Error: error, Confidence: confidence))).ToArray();
            var good = lines.Where(l => l.Error <= GoodLine).Select(l => l.Confidence).ToArray();
            var bad = lines.Where(l => l.Error > BadLine).Select(l => l.Confidence).ToArray();
            table.Add(group.Key.Model, group.Key.Aligner, Count(good.Length), Count(bad.Length), Number(RocAuc.Of(good, bad), "0.000"),
                Percent(MarkedForChecking.Share(good)), Percent(MarkedForChecking.Share(bad)));
        }
        return table.ToString();
    }

    private static ErrorStatistics Words(IEnumerable<Run> runs) => ErrorStatistics.Of(runs.SelectMany(r => r.Errors.WordStarts).ToArray());
    private static ErrorStatistics Lines(IEnumerable<Run> runs) => ErrorStatistics.Of(runs.SelectMany(r => r.Errors.LineStarts).ToArray());

    private static string[] Cells(ErrorStatistics words, ErrorStatistics lines) =>
    [
        Count(words.Count), Number(words.Mean, "0.00"), Number(words.Median, "0.00"), Percent(words.Within300Ms),
        Count(lines.Count), Number(lines.Mean, "0.00"), Percent(lines.Within300Ms),
    ];

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string Number(double x, string format) => double.IsNaN(x) ? "-" : x.ToString(format, CultureInfo.InvariantCulture);
    private static string Percent(double share) => double.IsNaN(share) ? "-" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private sealed record Run(string Model, string Aligner, RealSong Song, SongErrors Errors);
}
