using System.Text;

namespace Foreman.Alignment.Formats;

/// <summary>
/// Praat TextGrid in the long text format, with interval tiers <c>words</c> and <c>lines</c> that each tile
/// [0, duration], gaps filled by empty intervals, as Montreal Forced Aligner writes them.
/// </summary>
internal static class TextGridWriter
{
    public static string Write(AlignmentResult result)
    {
        // Times are tiled in whole milliseconds so that every interval ends exactly where the next begins.
        var words = result.TimedLines.SelectMany(line => line.Words).Select(w => Labelled(w.Text, w.Start, w.End)).ToList();
        var lines = result.TimedLines.Select(l => Labelled(l.Text, l.StartSeconds, l.EndSeconds)).ToList();
        // The grid covers the audio and anything aligned past its end; Praat needs it to have some length.
        var xmax = Math.Max(Timestamps.Milliseconds(result.Duration), words.Concat(lines).Select(i => i.End).DefaultIfEmpty(1).Max());

        var grid = new StringBuilder()
            .Append("File type = \"ooTextFile\"\n")
            .Append("Object class = \"TextGrid\"\n")
            .Append('\n')
            .Append("xmin = 0 \n")
            .Append("xmax = ").Append(Timestamps.Seconds(xmax)).Append(" \n")
            .Append("tiers? <exists> \n")
            .Append("size = 2 \n")
            .Append("item []: \n");
        AppendTier(grid, 1, "words", Tile(words, xmax), xmax);
        AppendTier(grid, 2, "lines", Tile(lines, xmax), xmax);
        return grid.ToString();
    }

    private static (string Text, long Start, long End) Labelled(string text, double start, double end) =>
        (text, Timestamps.Milliseconds(start), Timestamps.Milliseconds(end));

    // Praat needs intervals that touch and have positive length: overlaps are clipped to the previous end, and
    // intervals left with no length (a word aligned to a single instant) are dropped.
    private static List<(string Text, long Start, long End)> Tile(List<(string Text, long Start, long End)> labelled, long xmax)
    {
        var tiled = new List<(string Text, long Start, long End)>();
        var cursor = 0L;
        foreach (var (text, start, end) in labelled)
        {
            var from = Math.Max(start, cursor);
            if (end <= from) continue;
            if (from > cursor) tiled.Add(("", cursor, from));
            tiled.Add((text, from, end));
            cursor = end;
        }
        if (cursor < xmax) tiled.Add(("", cursor, xmax));
        return tiled;
    }

    private static void AppendTier(StringBuilder grid, int number, string name, List<(string Text, long Start, long End)> intervals, long xmax)
    {
        grid.Append("    item [").Append(number).Append("]:\n")
            .Append("        class = \"IntervalTier\" \n")
            .Append("        name = \"").Append(name).Append("\" \n")
            .Append("        xmin = 0 \n")
            .Append("        xmax = ").Append(Timestamps.Seconds(xmax)).Append(" \n")
            .Append("        intervals: size = ").Append(intervals.Count).Append(" \n");
        for (var i = 0; i < intervals.Count; i++)
        {
            var (text, start, end) = intervals[i];
            grid.Append("        intervals [").Append(i + 1).Append("]:\n")
                .Append("            xmin = ").Append(Timestamps.Seconds(start)).Append(" \n")
                .Append("            xmax = ").Append(Timestamps.Seconds(end)).Append(" \n")
                .Append("            text = \"").Append(text.Replace("\"", "\"\"")).Append("\" \n");
        }
    }
}
