using System.Collections.Concurrent;

namespace Foreman.Tests.Support.Browser;

/// <summary>The last lines chromedriver and the browser printed, kept so a failure can say why the browser went away.</summary>
public sealed class DriverLog
{
    private const int KeptLines = 40;

    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string? line)
    {
        // Chromium complains about the missing D-Bus of a container at every start; those lines would crowd out the rest.
        if (line is null || line.Contains("dbus", StringComparison.OrdinalIgnoreCase)) return;
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines) _lines.TryDequeue(out _);
    }

    public override string ToString() => _lines.IsEmpty ? "(nothing)" : string.Join('\n', _lines);
}
