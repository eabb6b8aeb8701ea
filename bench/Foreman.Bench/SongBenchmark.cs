using System.Diagnostics;
using System.Globalization;
using Foreman.Alignment;
using Foreman.Cli;
using Foreman.Inputs.Audio;
using Foreman.Models;

namespace Foreman.Bench;

/// <summary>
/// Aligns every song of a bench folder and prints line- and word-start errors per SNR group for the engine and
/// for plain CTC Viterbi over the same emissions, with stage timings.
/// </summary>
public static class SongBenchmark
{
    private static readonly (string Name, Func<BenchSong, bool> Includes)[] Groups =
    [
        ("all", _ => true),
        ("without music", s => s.SnrDb is null),
        ("with music", s => s.SnrDb is not null),
        ("snr 15 dB", s => s.SnrDb == 15),
        ("snr 10 dB", s => s.SnrDb == 10),
        ("snr 5 dB", s => s.SnrDb == 5),
        ("snr 0 dB", s => s.SnrDb == 0),
    ];

    /// <returns>0 when every song aligned, 1 otherwise.</returns>
    public static async Task<int> RunAsync(string songsDirectory, string modelDirectory, InferenceOptions options, TextWriter output,
        CancellationToken cancellationToken, AlignmentOptions? alignment = null)
    {
        var songs = BenchSong.LoadFolder(songsDirectory);
        var decoder = new AudioDecoder(ModelFolder.Open(modelDirectory).SampleRate);
        var total = Stopwatch.StartNew();
        // Loading overlaps the first decode, as a worker would overlap them.
        var loading = Task.Run(() => OnnxLoadedModel.Load(modelDirectory, Path.GetFileName(Path.GetFullPath(modelDirectory)), options), cancellationToken);
        var engine = new ForcedAlignmentEngine(alignment ?? new AlignmentOptions());
        var timing = new StageTimes();
        var results = new List<(BenchSong Song, SongErrors Engine, SongErrors Plain)>();
        var failures = 0;
        var device = "";
        OnnxLoadedModel? model = null;
        try
        {
            foreach (var song in songs)
            {
                var clock = Stopwatch.StartNew();
                var audio = await decoder.DecodeAsync(song.AudioPath, cancellationToken).ConfigureAwait(false);
                timing.Decode += clock.Elapsed.TotalSeconds;
                timing.Audio += audio.Duration;
                if (model is null)
                {
                    clock.Restart();
                    model = await loading.ConfigureAwait(false);
                    timing.LoadWait = clock.Elapsed.TotalSeconds;
                    device = $"device: {model.Device} (Foreman:Inference:Device {options.Device.ToString().ToLowerInvariant()})"
                        + (model.DeviceFallbackReason is { } reason ? $"; {reason}" : "");
                }
                try
                {
                    results.Add(AlignSong(engine, model, song, audio, timing, cancellationToken));
                }
                catch (AlignmentInputException e)
                {
                    failures++;
                    await output.WriteLineAsync($"{song.Name}: cannot align: {e.Message}").ConfigureAwait(false);
                }
            }
        }
        finally
        {
            (model ?? await loading.ConfigureAwait(false)).Dispose();
        }
        timing.Total = total.Elapsed.TotalSeconds;

        await output.WriteLineAsync(PerSongTable(results)).ConfigureAwait(false);
        await output.WriteLineAsync(GroupTable(results)).ConfigureAwait(false);
        await output.WriteLineAsync(device).ConfigureAwait(false);
        await output.WriteLineAsync(timing.ToString()).ConfigureAwait(false);
        return failures == 0 ? 0 : 1;
    }

    private static (BenchSong, SongErrors, SongErrors) AlignSong(ForcedAlignmentEngine engine, OnnxLoadedModel model, BenchSong song, DecodedAudio audio,
        StageTimes timing, CancellationToken cancellationToken)
    {
        var parsed = ForcedAlignmentEngine.Parse(song.Lyrics, model.Vocabulary);
        var clock = Stopwatch.StartNew();
        var heard = model.Listen(audio.Samples, null, cancellationToken);
        timing.Emissions += clock.Elapsed.TotalSeconds;
        clock.Restart();
        var spans = engine.AlignLines(heard, parsed.Sung, null, cancellationToken);
        timing.Alignment += clock.Elapsed.TotalSeconds;
        var plain = engine.AlignPlain(heard.Matrix, heard.Vocabulary, parsed.Sung, cancellationToken);
        return (song,
            SongErrors.Of(song, engine.ToResult("bench", parsed, spans, heard)),
            SongErrors.Of(song, engine.ToResult("bench", parsed, plain, heard)));
    }

    private static string PerSongTable(List<(BenchSong Song, SongErrors Engine, SongErrors Plain)> results)
    {
        var table = new TextTable("song", "snr", "lines", "engine line MAE ms", "plain line MAE ms", "engine word MAE ms", "plain word MAE ms");
        foreach (var (song, engine, plain) in results)
            table.Add(song.Name, song.SnrDb?.ToString(CultureInfo.InvariantCulture) ?? "none", engine.LineStarts.Count.ToString(CultureInfo.InvariantCulture),
                Milliseconds(Mean(engine.LineStarts)), Milliseconds(Mean(plain.LineStarts)),
                Milliseconds(Mean(engine.WordStarts)), Milliseconds(Mean(plain.WordStarts)));
        return table.ToString();
    }

    private static string GroupTable(List<(BenchSong Song, SongErrors Engine, SongErrors Plain)> results)
    {
        var table = new TextTable("group", "aligner", "songs", "lines", "line MAE ms", "median", "p90", "≤100ms", "≤300ms",
            "words", "word MAE ms", "median", "p90", "≤100ms", "≤300ms", string.Create(CultureInfo.InvariantCulture, $"lines marked <{MarkedForChecking.Below}"));
        foreach (var (name, includes) in Groups)
        {
            var members = results.Where(r => includes(r.Song)).ToArray();
            if (members.Length == 0) continue;
            foreach (var (aligner, pick) in new (string, Func<(BenchSong, SongErrors Engine, SongErrors Plain), SongErrors>)[]
                         { ("engine", r => r.Engine), ("plain", r => r.Plain) })
            {
                var line = ErrorStatistics.Of(members.SelectMany(r => pick(r).LineStarts).ToArray());
                var word = ErrorStatistics.Of(members.SelectMany(r => pick(r).WordStarts).ToArray());
                var markedLow = MarkedForChecking.Share(members.SelectMany(r => pick(r).LineConfidences).ToArray());
                table.Add([name, aligner, members.Length.ToString(CultureInfo.InvariantCulture), .. Cells(line), .. Cells(word), Percent(markedLow)]);
            }
        }
        return table.ToString();
    }

    private static string[] Cells(ErrorStatistics s) =>
    [
        s.Count.ToString(CultureInfo.InvariantCulture), Milliseconds(s.Mean), Milliseconds(s.Median), Milliseconds(s.P90),
        Percent(s.Within100Ms), Percent(s.Within300Ms),
    ];

    private static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();
    private static string Milliseconds(double seconds) => double.IsNaN(seconds) ? "-" : (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture);
    private static string Percent(double share) => double.IsNaN(share) ? "-" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private sealed class StageTimes
    {
        public double Audio, Decode, LoadWait, Emissions, Alignment, Total;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"audio {Audio:0.0} s; decode {Decode:0.00} s, model load wait {LoadWait:0.00} s, emissions {Emissions:0.00} s, engine alignment {Alignment:0.00} s; " +
            $"real-time factor: decode {Decode / Audio:0.0000}, emissions {Emissions / Audio:0.0000}, alignment {Alignment / Audio:0.0000}, " +
            $"whole run {Total / Audio:0.0000} ({Total:0.00} s, plain-Viterbi comparison included)");
    }
}
