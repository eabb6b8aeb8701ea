using System.Text;

namespace Foreman.Alignment.Formats;

/// <summary>Enhanced (A2) LRC: <c>[mm:ss.xx]&lt;mm:ss.xx&gt;word &lt;mm:ss.xx&gt;word … &lt;mm:ss.xx&gt;</c>, the last tag ending the last word.</summary>
internal static class EnhancedLrcWriter
{
    public static string Write(AlignmentResult result)
    {
        var lrc = new StringBuilder();
        LrcWriter.WriteHeader(lrc, result);
        foreach (var line in result.TimedLines)
        {
            lrc.Append('[').Append(Timestamps.Lrc(line.StartSeconds)).Append(']');
            if (line.Words.Count == 0)
            {
                lrc.Append(line.Text).Append('\n');
                continue;
            }
            foreach (var (word, text) in WordSegments.Of(line)) lrc.Append('<').Append(Timestamps.Lrc(word.Start)).Append('>').Append(text).Append(' ');
            lrc.Append('<').Append(Timestamps.Lrc(line.Words[^1].End)).Append(">\n");
        }
        return lrc.ToString();
    }
}
