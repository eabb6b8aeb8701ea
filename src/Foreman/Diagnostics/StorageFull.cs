using Microsoft.Data.Sqlite;
using Npgsql;

namespace Foreman.Diagnostics;

/// <summary>
/// Recognises "the disk is full" wherever it comes from (a file write, SQLite, PostgreSQL), so it is answered as what
/// it is (507, retry later) instead of a malformed request or an anonymous 500.
/// </summary>
internal static class StorageFull
{
    private const int Enospc = 28, Edquot = 122;                                // Linux errno
    private const int ErrorDiskFull = 0x70, ErrorHandleDiskFull = 0x27;         // Windows
    private const int SqliteFull = 13;
    private const string PostgresDiskFull = "53100";

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions says the storage is full.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                case PostgresException postgres when postgres.SqlState == PostgresDiskFull:
                case IOException io when IsFullCode(io.HResult & 0xFFFF):
                    return true;
            }
        }
        return false;
    }

    // .NET carries the errno (Unix) or the Win32 error (Windows) in an IOException's HResult.
    private static bool IsFullCode(int code) =>
        OperatingSystem.IsWindows() ? code is ErrorDiskFull or ErrorHandleDiskFull : code is Enospc or Edquot;
}
