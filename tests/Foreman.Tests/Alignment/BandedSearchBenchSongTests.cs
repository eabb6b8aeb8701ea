using Foreman.Alignment;
using Foreman.Alignment.Ctc;
using Foreman.Bench;
using Foreman.Models;
using Foreman.Tests.Support;

namespace Foreman.Tests.Alignment;

/// <summary>
/// The banded search, forced onto every bench song with a band narrower than most songs' graphs, finds the exact
/// search's lines and words: the evidence that a band ten times wider, as long audio gets, loses nothing a song has.
/// </summary>
public sealed class BandedSearchBenchSongTests(BundledModelFixture fixture) : IClassFixture<BundledModelFixture>
{
    // The narrowest band that gave every bench song its exact path was 256 states (dev_14, slow stretched singing
    // the model hears poorly; 128 moved it). Graphs of the bench songs hold 300–1,100 states.
    private const int Band = 256;

    [Fact]
    public async Task AlignLines_EveryBenchSongInANarrowBand_EqualsTheExactSearch()
    {
        var exact = fixture.Engine;
        var banded = new ForcedAlignmentEngine(new AlignmentOptions { ExactSearchCells = 0, SearchBandStates = Band });

        foreach (var song in BenchSong.LoadFolder(EngineTestPaths.BenchSongs))
        {
            var lines = ForcedAlignmentEngine.Parse(song.Lyrics, fixture.Model.Vocabulary).Sung;
            var (emissions, vocabulary, _) = fixture.Model.Listen(await fixture.DecodeAsync(song), null, TestContext.Current.CancellationToken);

            Assert.Equal(Frames(exact.AlignLines(emissions, vocabulary, lines, null, TestContext.Current.CancellationToken)),
                Frames(banded.AlignLines(emissions, vocabulary, lines, null, TestContext.Current.CancellationToken)));
            Assert.Equal(Frames(exact.AlignPlain(emissions, vocabulary, lines, TestContext.Current.CancellationToken)),
                Frames(banded.AlignPlain(emissions, vocabulary, lines, TestContext.Current.CancellationToken)));
        }
    }

    private static IEnumerable<FrameSpan> Frames(LineSpan[] spans) => spans.SelectMany(line => line.Words.Prepend(line.Line));
}
