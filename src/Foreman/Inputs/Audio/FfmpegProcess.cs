using System.ComponentModel;
using System.Diagnostics;

namespace Foreman.Inputs.Audio;

/// <summary>How ffmpeg and ffprobe are run: started with a clear error when missing, and killed when cancelled.</summary>
internal static class FfmpegProcess
{
    /// <exception cref="FfmpegNotFoundException">The executable cannot be started.</exception>
    public static Process Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            return process;
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new FfmpegNotFoundException(start.FileName, e);
        }
    }

    /// <summary>Kills the process tree when <paramref name="token"/> is cancelled: that is what makes its reads end promptly.</summary>
    public static CancellationTokenRegistration KillOn(Process process, CancellationToken token) => token.Register(() =>
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already exited */ }
    });
}
