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
            var heard = fixture.Model.Listen(await fixture.DecodeAsync(song), null, TestContext.Current.CancellationToken);

            Assert.Equal(Frames(exact.AlignLines(heard, lines, null, TestContext.Current.CancellationToken)),
                Frames(banded.AlignLines(heard, lines, null, TestContext.Current.CancellationToken)));
            Assert.Equal(Frames(exact.AlignPlain(heard.Matrix, heard.Vocabulary, lines, TestContext.Current.CancellationToken)),
                Frames(banded.AlignPlain(heard.Matrix, heard.Vocabulary, lines, TestContext.Current.CancellationToken)));
        }
    }

    // Where lines and words fall, not their confidence: beyond the exact search a line's confidence is its start
    // posterior's agreement alone, without the alternatives (see ForcedAlignmentEngine.AlignLines).
    private static IEnumerable<(int First, int Last)> Frames(LineSpan[] spans) =>
        spans.SelectMany(line => line.Words.Prepend(line.Line)).Select(span => (span.First, span.Last));
}
