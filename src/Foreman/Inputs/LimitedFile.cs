
namespace Foreman.Inputs;

/// <summary>Streams an upload or a download to a file, never whole into memory, and stops at the size limit.</summary>
internal static class LimitedFile
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/>; returns the bytes written.</summary>
    /// <param name="tooLarge">The exception to throw once more than <paramref name="limit"/> bytes came.</param>
    /// <param name="flushToDisk">Wait until the bytes are on disk (a job row is about to point at the file).</param>
    public static async Task<long> CopyAsync(Stream source, string path, long limit, Func<Exception> tooLarge, bool flushToDisk,
        CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit) throw tooLarge();
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        if (flushToDisk)
        {
            await target.FlushAsync(cancellationToken);
            target.Flush(flushToDisk: true);
        }
        return total;
    }

    /// <summary>A download of <paramref name="what"/>, to the input stage's limit.</summary>
    /// <exception cref="UnusableAudioException">More than <paramref name="limit"/> bytes came.</exception>
    public static Task<long> DownloadAsync(Stream source, string path, long limit, string what, CancellationToken cancellationToken) =>
        CopyAsync(source, path, limit, () => TooLarge(what, limit), flushToDisk: false, cancellationToken);

    public static UnusableAudioException TooLarge(string what, long limit) =>
        new($"{what} is larger than the limit of {limit:N0} bytes (Foreman:Inputs:MaxDownloadBytes)");
}
