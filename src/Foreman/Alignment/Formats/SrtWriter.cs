using System.Text;

namespace Foreman.Alignment.Formats;

/// <summary>SubRip: one numbered cue per line, <c>hh:mm:ss,mmm --&gt; hh:mm:ss,mmm</c>, cues separated by a blank line.</summary>
internal static class SrtWriter
{
    public static string Write(AlignmentResult result)
    {
        var srt = new StringBuilder();
        var lines = result.TimedLines.ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, end) = Timestamps.Cue(lines[i]);
            if (i > 0) srt.Append('\n');
            srt.Append(i + 1).Append('\n')
                .Append(Timestamps.Srt(start)).Append(" --> ").Append(Timestamps.Srt(end)).Append('\n')
                .Append(lines[i].Text).Append('\n');
        }
        return srt.ToString();
    }
}
