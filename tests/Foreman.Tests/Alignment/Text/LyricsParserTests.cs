using System.Text.Json;
using Foreman.Alignment;
using Foreman.Alignment.Text;
using Foreman.Emissions;
using Foreman.Models;
using Foreman.Tests.Support;

namespace Foreman.Tests.Alignment.Text;

public sealed class LyricsParserTests
{
    private static IReadOnlyList<LyricLine> Parse(string lyrics) => LyricsParser.Parse(lyrics, TestVocabularies.UpperEnglish).Sung;

    [Theory]
    [InlineData("one\ntwo\nthree")]
    [InlineData("one\r\ntwo\r\nthree")]
    [InlineData("one\rtwo\rthree")]
    [InlineData("one\r\ntwo\nthree")]
    public void Parse_LineEndings_SourceLineCountsEachEnding(string lyrics) =>
        Assert.Equal([(1, "one"), (2, "two"), (3, "three")], Parse(lyrics).Select(l => (l.SourceLine, l.Text)));

    [Fact]
    public void Parse_BlankAndTagLines_SkippedButCounted()
    {
        var lines = Parse("[Verse 1]\n  Hello there  \n\n(Chorus)\n[CHORUS]\nx2\n(x2)\n \t \nGoodbye\n");
        Assert.Equal([(2, "Hello there"), (9, "Goodbye")], lines.Select(l => (l.SourceLine, l.Text)));
    }

    [Theory]
    [InlineData("...")]
    [InlineData("♪ ♪ ♪")]
    [InlineData("😀 🎶")]
    [InlineData("— — —")]
    public void Parse_NothingTheVocabularyCanExpress_LineSkipped(string line) =>
        Assert.Empty(Parse(line));

    [Fact]
    public void Parse_EveryNonBlankLine_IndexStatusAndReason()
    {
        var parsed = LyricsParser.Parse("[Verse 1]\nHello there\n\nx2\n😀 😀\n你好世界\n[Guitar solo]\n", TestVocabularies.UpperEnglish);

        Assert.Equal(
            [
                (0, "[Verse 1]", LineStatus.Skipped, "section_tag"), (1, "Hello there", LineStatus.Aligned, null),
                (3, "x2", LineStatus.Skipped, "repeat_marker"), (4, "😀 😀", LineStatus.Unaligned, "nothing_to_align"),
                (5, "你好世界", LineStatus.Aligned, null), (6, "[Guitar solo]", LineStatus.Skipped, "stage_direction"),
            ],
            parsed.Lines.Select(l => (l.Index, l.Text, l.Status, l.Reason)));
        Assert.Equal(["Hello there", "你好世界"], parsed.Sung.Select(l => l.Text));
        Assert.All(parsed.Lines.Where(l => l.Status != LineStatus.Aligned), l => Assert.Empty(l.Words));
    }

    [Fact]
    public void Parse_ChineseLine_OneRomanizedWordPerCharacter()
    {
        var line = Assert.Single(LyricsParser.Parse("我爱你，世界", TestVocabularies.UpperEnglish).Sung);

        Assert.Equal("我爱你，世界", line.Text);
        Assert.Equal([("我", "WO"), ("爱", "AI"), ("你", "NI"), ("世", "SHI"), ("界", "JIE")], line.Words.Select(w => (w.Text, string.Concat(w.Tokens))));
    }

    [Fact]
    public void Parse_VocabularyWithTheScript_UsesItsCharactersNotRomanization()
    {
        var line = Assert.Single(LyricsParser.Parse("你好 世界", TestVocabularies.Chinese).Sung);

        Assert.Equal([("你", "你"), ("好", "好"), ("世", "世"), ("界", "界")], line.Words.Select(w => (w.Text, string.Concat(w.Tokens))));
    }

    [Theory]
    [InlineData("fr", "VINGT|ET|UN")]
    [InlineData("es", "VEINTIUNO")]
    [InlineData("de", "EINUNDZWANZIG")]
    [InlineData("en", "TWENTY|ONE")]
    public void Parse_Language_SpellsNumbers(string language, string expected)
    {
        var parsed = LyricsParser.Parse("21", TestVocabularies.UpperEnglish, language);

        Assert.Equal(language, parsed.Language);
        Assert.Equal(expected, string.Concat(Assert.Single(Assert.Single(parsed.Sung).Words).Tokens));
    }

    [Theory]
    [InlineData("uk", "KYIV|HARNYI")]
    [InlineData("ru", "KIIV|GARNIY")]
    public void Parse_Language_RomanizesAsItReads(string language, string expected) =>
        Assert.Equal(expected, string.Join('|', Assert.Single(LyricsParser.Parse("Київ гарний", TestVocabularies.UpperEnglish, language).Sung)
            .Words.Select(w => string.Concat(w.Tokens))));

    [Fact]
    public void Parse_NoLanguage_GuessedFromScript() =>
        Assert.Equal("zh", LyricsParser.Parse("[Chorus]\n你好世界\n", TestVocabularies.UpperEnglish).Language);

    [Fact]
    public void Parse_TrailingRepeatMarker_KeptInTextButNotAligned()
    {
        var line = Assert.Single(Parse("Hold me tight (x2)"));
        Assert.Equal("Hold me tight (x2)", line.Text);
        Assert.Equal(["Hold", "me", "tight"], line.Words.Select(w => w.Text));
    }

    [Fact]
    public void Parse_WordWithoutTokens_InTextButNotAligned()
    {
        var line = Assert.Single(Parse("I ♥ you"));
        Assert.Equal("I ♥ you", line.Text);
        Assert.Equal(["I", "you"], line.Words.Select(w => w.Text));
    }

    [Fact]
    public void Parse_Words_DisplayTextAndTokens()
    {
        var line = Assert.Single(Parse("“Don’t stop,” it’s 1999 — party!"));
        Assert.Equal(
            [("Don’t", "DON'T"), ("stop", "STOP"), ("it’s", "IT'S"), ("1999", "NINETEEN|NINETY|NINE"), ("party", "PARTY")],
            line.Words.Select(w => (w.Text, string.Concat(w.Tokens))));
    }

    [Fact]
    public void Parse_ControlCharacters_SeparateWords()
    {
        var line = Assert.Single(Parse("\uFEFFHello\0world\u0007again\u200Bnow"));
        Assert.Equal("Hello world again now", line.Text);
        Assert.Equal(["Hello", "world", "again", "now"], line.Words.Select(w => w.Text));
    }

    [Fact]
    public void Parse_LoneSurrogates_DoesNotThrow()
    {
        var line = Assert.Single(Parse("bad\uD800 surrogate\uDC00s"));
        Assert.Equal(["bad\uFFFD", "surrogate\uFFFDs"], line.Words.Select(w => w.Text));
        Assert.Equal("SURROGATES", string.Concat(line.Words[1].Tokens));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\r\n")]
    [InlineData("[Chorus]")]
    public void Parse_NoSungLines_Empty(string lyrics) => Assert.Empty(Parse(lyrics));

    [Fact]
    public void Parse_RandomInput_NeverThrowsAndTokensAreVocabulary()
    {
        const string lyricChars = "0123456789$#%&+@,./-'’ \n\r[]()x";
        var random = new Random(20260501);
        for (var round = 0; round < 500; round++)
        {
            var chars = new char[random.Next(200)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) switch
                {
                    0 => (char)random.Next(char.MaxValue + 1),
                    1 => lyricChars[random.Next(lyricChars.Length)],
                    _ => (char)random.Next(32, 0x250),
                };
            }
            foreach (var line in Parse(new string(chars)))
            {
                Assert.NotEmpty(line.Words);
                Assert.All(line.Words, w => Assert.NotEmpty(w.Tokens));
                Assert.All(line.Words.SelectMany(w => w.Tokens), t => Assert.True(TestVocabularies.UpperEnglish.TryGetId(t, out _), t));
                Assert.All(line.Words, w => Assert.NotEqual("|", w.Tokens[0]));
            }
        }
    }

    [Fact]
    public void Parse_BenchSongs_TextMatchesTruth()
    {
        var truthFiles = Directory.GetFiles(RepositoryPaths.BenchSongsDir, "*.json").Where(f => Path.GetFileName(f) != "manifest.json").Order().ToList();
        Assert.NotEmpty(truthFiles);
        var vocabulary = Vocabulary.Load(Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en", "vocab.json"));
        foreach (var truthFile in truthFiles)
        {
            using var truth = JsonDocument.Parse(File.ReadAllText(truthFile));
            var lyrics = File.ReadAllText(Path.ChangeExtension(truthFile, ".txt"));
            var parsed = LyricsParser.Parse(lyrics, vocabulary).Sung;
            var expected = truth.RootElement.GetProperty("lines").EnumerateArray().ToList();
            var song = Path.GetFileName(truthFile);

            Assert.Equal(expected.Select(l => (l.GetProperty("txt_line").GetInt32(), l.GetProperty("text").GetString())), parsed.Select(l => (l.SourceLine, (string?)l.Text)));
            foreach (var (truthLine, line) in expected.Zip(parsed))
            {
                if (truthLine.GetProperty("words").ValueKind == JsonValueKind.Null) continue;
                var words = truthLine.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("text").GetString());
                Assert.True(words.SequenceEqual(line.Words.Select(w => w.Text)), $"{song} line {line.SourceLine}: {line.Text}");
            }
        }
    }
}
