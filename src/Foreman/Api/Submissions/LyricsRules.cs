namespace Foreman.Api;

/// <summary>Checks on submitted lyrics text that the normalizer does not make: characters no lyric sheet contains.</summary>
internal static class LyricsRules
{
    /// <summary>A message naming the first control character (other than tab and line breaks), or null when there is none.</summary>
    public static string? FindControlCharacter(string lyrics)
    {
        var line = 1;
        foreach (var c in lyrics)
        {
            if (c == '\n') line++;
            else if (char.IsControl(c) && c is not '\t' and not '\r')
                return $"the lyrics contain the control character U+{(int)c:X4} on line {line}";
        }
        return null;
    }
}
