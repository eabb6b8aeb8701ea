using System.Text.Json;
using Foreman.Alignment;
using Foreman.Bench;
using Foreman.Models;
using Foreman.Tests.Support;

namespace Foreman.Tests.Bench;

/// <summary>The real-song benchmark on a folder laid out like ../shared/real-songs (JamendoLyrics), built here.</summary>
public sealed class RealSongBenchmarkTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public RealSongBenchmarkTests()
    {
        Directory.CreateDirectory(_folder.File("audio"));
        Directory.CreateDirectory(_folder.File("lyrics"));
        File.WriteAllBytes(_folder.File("audio/song.wav"), TestAudio.ToneWav(seconds: 6));
        // A blank line between paragraphs: truth lines pair with the lyric file's non-blank lines.
        File.WriteAllText(_folder.File("lyrics/song.txt"), "hello there\n\nso long\n");
        var manifest = new
        {
            songs = new[]
            {
                new
                {
                    id = "song", language = "English", audio = "audio/song.wav", lyrics_file = "lyrics/song.txt",
                    lines = new[] { new { start = 1.0, word_first = 0, word_last = 1 }, new { start = 4.0, word_first = 2, word_last = 3 } },
                    words = new[] { new { start = 1.0 }, new { start = 1.5 }, new { start = 4.0 }, new { start = 4.4 } },
                },
            },
        };
        File.WriteAllText(_folder.File("manifest.json"), JsonSerializer.Serialize(manifest));
    }

    [Fact]
    public void Truth_lines_pair_with_non_blank_lyric_lines_and_carry_their_word_starts()
    {
        var song = Assert.Single(RealSongFolder.Load(_folder.Path));
        Assert.Equal("English", song.Language);
        Assert.Equal([1, 3], song.Song.Lines.Select(l => l.SourceLine));
        Assert.Equal([4.0, 4.4], song.Song.Lines[1].WordStarts!);
    }

    [Fact]
    public void A_manifest_whose_lines_do_not_match_the_lyrics_is_refused()
    {
        File.WriteAllText(_folder.File("lyrics/song.txt"), "hello there\nso long\none more\n");
        Assert.Throws<InvalidDataException>(() => RealSongFolder.Load(_folder.Path));
    }

    [Fact]
    public async Task Prints_engine_and_plain_figures_per_song_and_overall_with_the_ratio()
    {
        var output = new StringWriter();
        var model = Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en");
        var status = await RealSongBenchmark.RunAsync(_folder.Path, [("tiny", model)], new InferenceOptions(), new AlignmentOptions(), output,
            TestContext.Current.CancellationToken);

        Assert.Equal(0, status);
        var text = output.ToString();
        Assert.Matches(@"song\s+English\s+tiny\s+engine\s+4\s+\d+\.\d\d", text);
        Assert.Matches(@"all\s+tiny\s+plain\s+4\s+\d+\.\d\d", text);
        Assert.Matches(@"tiny: word AAE engine/plain=\d+\.\d\d", text);
    }

    public void Dispose() => _folder.Dispose();
}
