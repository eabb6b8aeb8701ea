using System.Text;

namespace Foreman.Cli;

/// <summary>A plain-text table with columns padded to their widest cell.</summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [header];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        var widths = Enumerable.Range(0, header.Length).Select(c => _rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in _rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return text.ToString();
    }
}
