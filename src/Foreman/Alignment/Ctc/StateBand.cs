namespace Foreman.Alignment.Ctc;

/// <summary>
/// The graph states a path may be in at each frame when every line stays within a window of where a chosen alignment
/// put it: a line's states from its chosen start less the window to its chosen end plus the window, and the gap between
/// two lines from the first one's chosen end less the window to the second one's chosen start plus the window. So a
/// line starts at most a window before or after its chosen start, and ends no earlier than a window before its chosen
/// end. Both bounds rise with the state, so each frame's states form one range, and the chosen path lies within every
/// frame's.
/// </summary>
public sealed class StateBand
{
    private readonly int[] _earliest;
    private readonly int[] _latest;
    private readonly int[] _low;
    private readonly int[] _high;

    private StateBand(int[] earliest, int[] latest, int frames)
    {
        _earliest = earliest;
        _latest = latest;
        _low = new int[frames];
        _high = new int[frames];
        int low = 0, high = -1;
        for (var t = 0; t < frames; t++)
        {
            while (low < latest.Length - 1 && latest[low] < t) low++;
            while (high < earliest.Length - 1 && earliest[high + 1] <= t) high++;
            (_low[t], _high[t]) = (low, high);
        }
    }

    /// <param name="chosen">One span per line of <paramref name="graph"/>, in order, each after the one before.</param>
    public static StateBand Around(AlignmentGraph graph, IReadOnlyList<LineSpan> chosen, int windowFrames, int frames)
    {
        var earliest = new int[graph.Count];
        var latest = new int[graph.Count];
        var before = -1;
        for (var s = 0; s < graph.Count; s++)
        {
            var line = graph[s].Line;
            if (line >= 0)
            {
                (earliest[s], latest[s]) = (chosen[line].Line.First - windowFrames, chosen[line].Line.Last + windowFrames);
                before = line;
                continue;
            }
            // A state between lines: after the line before it (or the intro), before the next one (or the outro).
            earliest[s] = before < 0 ? 0 : chosen[before].Line.Last - windowFrames;
            latest[s] = before + 1 < chosen.Count ? chosen[before + 1].Line.First + windowFrames : frames - 1;
        }
        return new StateBand(earliest, latest, frames);
    }

    /// <summary>The first and last state a path may be in at frame <paramref name="t"/>.</summary>
    public (int Low, int High) At(int t) => (_low[t], _high[t]);

    /// <summary>The first and last frame at which a path may be in <paramref name="state"/>, within the file.</summary>
    public (int First, int Last) FramesOf(int state) => (Math.Max(0, _earliest[state]), Math.Min(_low.Length - 1, _latest[state]));
}
