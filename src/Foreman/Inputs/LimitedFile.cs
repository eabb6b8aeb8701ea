using Foreman.Alignment;

namespace Foreman.Inputs;

/// <summary>Streams a download to a file, never whole into memory, and stops at the size limit.</summary>
public static class LimitedFile
{
    /// <exception cref="AlignmentInputException">More than <paramref name="limit"/> bytes came.</exception>
    public static async Task CopyAsync(Stream source, string path, long limit, string what, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit) throw TooLarge(what, limit);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public static AlignmentInputException TooLarge(string what, long limit) =>
        new($"{what} is larger than the limit of {limit:N0} bytes (Foreman:Inputs:MaxDownloadBytes)");
}
