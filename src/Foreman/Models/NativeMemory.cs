using System.Runtime.InteropServices;

namespace Foreman.Models;

/// <summary>
/// Returns freed native heap pages to the operating system. ONNX Runtime frees a session's buffers on dispose, but
/// glibc keeps freed arenas mapped; without a trim, an unloaded model still shows in the process's RSS.
/// </summary>
internal static class NativeMemory
{
    public static void Trim()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // not glibc (e.g. musl): nothing to trim
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
