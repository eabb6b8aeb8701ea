using System.Diagnostics;

namespace Foreman.Tests.Support;

/// <summary>
/// A real, small filesystem (tmpfs) for full-disk tests: mounted on a temp directory, filled to the last byte on
/// demand, freed again. Mounting needs root (as in CI); elsewhere <see cref="MountOrSkip"/> skips the test.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private readonly TempDirectory _mountPoint;

    private SmallFilesystem(TempDirectory mountPoint) => _mountPoint = mountPoint;

    public string Path => _mountPoint.Path;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB, or skips the calling test with the reason it cannot.</summary>
    public static SmallFilesystem MountOrSkip(int megabytes)
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("a tmpfs mount needs Linux");
        var mountPoint = new TempDirectory();
        var (exitCode, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", mountPoint.Path);
        if (exitCode != 0)
        {
            mountPoint.Dispose();
            Assert.Skip($"cannot mount a tmpfs for a full-disk test (needs root): {output.Trim()}");
        }
        return new SmallFilesystem(mountPoint);
    }

    /// <summary>Writes a filler file until the filesystem has no byte left.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException)
        {
        }
        // The last pages: byte by byte, so nothing at all is left.
        try
        {
            while (true) file.Write(chunk, 0, 1);
        }
        catch (IOException)
        {
        }
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Run("umount", "-l", Path);
        _mountPoint.Dispose();
    }

    private static (int ExitCode, string Output) Run(string command, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
