using System.Text;

namespace Foreman.Alignment.Formats;

/// <summary>WebVTT: one cue per line, with a karaoke timestamp <c>&lt;hh:mm:ss.mmm&gt;</c> before every word after the first.</summary>
internal static class WebVttWriter
{
    public static string Write(AlignmentResult result)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        foreach (var line in result.TimedLines)
        {
            var (start, end) = Timestamps.Cue(line);
            vtt.Append('\n').Append(Timestamps.WebVtt(start)).Append(" --> ").Append(Timestamps.WebVtt(end)).Append('\n');
            if (line.Words.Count == 0) vtt.Append(Escape(line.Text));
            else AppendKaraoke(vtt, line, start, end);
            vtt.Append('\n');
        }
        return vtt.ToString();
    }

    // The spec requires timestamps inside a cue to be strictly after the cue start, strictly before its end and
    // increasing: a word that starts with (or before) the previous one is moved 1 ms later, and one that would reach
    // the cue end is shown without a timestamp of its own.
    private static void AppendKaraoke(StringBuilder vtt, AlignedLine line, long cueStart, long cueEnd)
    {
        var previous = cueStart;
        var segments = WordSegments.Of(line);
        for (var i = 0; i < segments.Count; i++)
        {
            var (word, text) = segments[i];
            if (i > 0)
            {
                vtt.Append(' ');
                var at = Math.Max(Timestamps.Milliseconds(word.Start), previous + 1);
                if (at < cueEnd)
                {
                    vtt.Append('<').Append(Timestamps.WebVtt(at)).Append('>');
                    previous = at;
                }
            }
            vtt.Append(Escape(text));
        }
    }

    // Cue text is markup: &, < and > must be character references (this also keeps "-->" out of cue text).
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
