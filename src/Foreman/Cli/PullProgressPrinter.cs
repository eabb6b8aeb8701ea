using Foreman.Models.Hub;

namespace Foreman.Cli;

/// <summary>
/// A pull's progress on stderr: one line rewritten in place on a terminal, a line every few seconds when redirected
/// (a log file gets no carriage returns), and always a line when the state changes.
/// </summary>
internal sealed class PullProgressPrinter(TextWriter output, TimeProvider time)
{
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private readonly TimeSpan _interval = Console.IsErrorRedirected ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(250);
    private PullState? _state;
    private long _lastPrinted;
    private bool _lineOpen;

    public void Report(PullProgress progress)
    {
        var changed = progress.State != _state;
        if (!changed && time.GetElapsedTime(_lastPrinted) < _interval) return;
        _state = progress.State;
        _lastPrinted = time.GetTimestamp();
        var text = progress.State switch
        {
            PullState.Pulling => $"pulling {progress.File}: {Megabytes(progress.BytesDone)}{Of(progress)}",
            PullState.Verifying => $"verifying {Megabytes(progress.BytesDone)}: sizes, sha256, and a test load",
            _ => $"{progress.State.Name()}",
        };
        if (_inPlace && !changed) output.Write($"\r{text,-79}");
        else
        {
            if (_lineOpen) output.WriteLine();
            output.Write(_inPlace ? text : text + Environment.NewLine);
        }
        _lineOpen = _inPlace;
    }

    /// <summary>Ends the line being rewritten, so what follows starts on its own line.</summary>
    public void Finish()
    {
        if (_lineOpen) output.WriteLine();
        _lineOpen = false;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:F1} MB";

    private static string Of(PullProgress progress) =>
        progress.BytesTotal is { } total and > 0 ? $" of {Megabytes(total)} ({100.0 * progress.BytesDone / total:F0}%)" : "";
}
