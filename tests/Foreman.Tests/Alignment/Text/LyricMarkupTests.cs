using Foreman.Alignment.Text;

namespace Foreman.Tests.Alignment.Text;

public sealed class LyricMarkupTests
{
    [Theory]
    [InlineData("[Chorus]")]
    [InlineData("[Verse 1]")]
    [InlineData("[CHORUS]")]
    [InlineData("[Chorus: Some Artist & Another]")]
    [InlineData("{Bridge}")]
    [InlineData("(Chorus)")]
    [InlineData("(Pre-Chorus)")]
    [InlineData("(Repeat Chorus)")]
    [InlineData("(Chorus x2)")]
    [InlineData("(x2)")]
    [InlineData("(2x)")]
    [InlineData("x2")]
    [InlineData("×3")]
    [InlineData("Chorus")]
    [InlineData("Verse 2:")]
    [InlineData("CHORUS x2")]
    [InlineData("Repeat")]
    public void IsTagLine_Tag_True(string line) => Assert.True(LyricMarkup.IsTagLine(line));

    [Theory]
    [InlineData("[Verse 1]", "section_tag")]
    [InlineData("[Chorus: Some Artist & Another]", "section_tag")]
    [InlineData("(Repeat Chorus)", "section_tag")]
    [InlineData("Chorus x2", "section_tag")]
    [InlineData("Verse 2:", "section_tag")]
    [InlineData("x2", "repeat_marker")]
    [InlineData("(2x)", "repeat_marker")]
    [InlineData("[Repeat]", "repeat_marker")]
    [InlineData("[Guitar solo]", "stage_direction")]
    [InlineData("{applause}", "stage_direction")]
    [InlineData("Hello there", null)]
    [InlineData("(Oh baby baby)", null)]
    public void TagReason_Line_Reason(string line, string? expected) => Assert.Equal(expected, LyricMarkup.TagReason(line));

    [Theory]
    [InlineData("(Oh baby baby)")]
    [InlineData("(ooh, chorus girl)")]
    [InlineData("Chorus girls are dancing")]
    [InlineData("Verse by verse I sing")]
    [InlineData("[Chorus] Hold me")]
    [InlineData("x marks the spot")]
    [InlineData("")]
    public void IsTagLine_SungLine_False(string line) => Assert.False(LyricMarkup.IsTagLine(line));

    [Theory]
    [InlineData("Hold me tight (x2)", "Hold me tight  ")]
    [InlineData("Hold me tight x2", "Hold me tight  ")]
    [InlineData("Hold me [x3] tight", "Hold me   tight")]
    [InlineData("[Chorus] Hold me", "  Hold me")]
    [InlineData("Hold me (hold me)", "Hold me (hold me)")]
    [InlineData("Box2", "Box2")]
    public void RemoveInlineMarkers_Line_MarkersBlanked(string line, string expected) =>
        Assert.Equal(expected, LyricMarkup.RemoveInlineMarkers(line));
}
