using Foreman.Alignment;

namespace Foreman.Tests.Alignment.Formats;

/// <summary>
/// The alignment the golden files are written from: a word ending at 1.999 s (rounds up to the next centisecond),
/// a line starting at 59.996 s (LRC must say 01:00.00), a word with <c>&amp;</c> and a line with quotes, two words
/// starting at the same instant, one of zero length, and a wordless line past the first hour; a skipped section tag
/// and an unaligned emoji line, which only the JSON document lists.
/// </summary>
internal static class SampleAlignment
{
    public static AlignmentResult Result { get; } = new("foreman-tiny-en", 3725.5,
    [
        new AlignedLine("[Verse 1]", null, null, null, []) { Index = 0, Status = LineStatus.Skipped, Reason = LineReasons.SectionTag },
        new AlignedLine("Hello, world!", 0.5, 1.999, 0.91234,
            [new AlignedWord("Hello", 0.5, 0.98, 0.95), new AlignedWord("world", 1.2, 1.999, 0.87651)]) { Index = 1 },
        new AlignedLine("Rock & roll \"forever\"", 59.996, 62.25, 0.5,
        [
            new AlignedWord("Rock", 59.996, 60.3, 0.7), new AlignedWord("&", 60.3, 60.3, 0.2),
            new AlignedWord("roll", 60.3, 60.9, 0.66666), new AlignedWord("forever", 61.0, 62.25, 0.9),
        ]) { Index = 3 },
        new AlignedLine("♪ ♪", null, null, null, []) { Index = 4, Status = LineStatus.Unaligned, Reason = LineReasons.NothingToAlign },
        new AlignedLine("La la la", 3661.25, 3665.0, 0.12, []) { Index = 5 },
    ]) { Language = "en" };
}
