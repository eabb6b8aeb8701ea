using System.Text;

namespace Foreman.Alignment.Formats;

/// <summary>Line-level LRC: <c>[re:]</c> and <c>[length:]</c> tags, then <c>[mm:ss.xx]text</c> per line.</summary>
internal static class LrcWriter
{
    public static string Write(AlignmentResult result)
    {
        var lrc = new StringBuilder();
        WriteHeader(lrc, result);
        foreach (var line in result.TimedLines) lrc.Append('[').Append(Timestamps.Lrc(line.StartSeconds)).Append(']').Append(line.Text).Append('\n');
        return lrc.ToString();
    }

    /// <summary>The ID tags both LRC flavours open with: the tool that timed the lyrics and the song's length.</summary>
    public static void WriteHeader(StringBuilder lrc, AlignmentResult result) =>
        lrc.Append("[re:Foreman]\n").Append("[length:").Append(Timestamps.Lrc(result.Duration)).Append("]\n");
}
