using System.Net;
using System.Security.Cryptography;

namespace Foreman.Models.Hub;

/// <summary>
/// Downloads one hub file into a <c>.part</c> file that survives interruptions: every try, in this process or a later
/// one, asks for the bytes after those already there (HTTP Range), then the whole is checked against the hub's size and sha256.
/// </summary>
internal sealed class FileTransfer(HubClient hub, HubOptions options, TimeProvider time)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Raised before each retry with the attempt that failed, the bytes on disk and the error.</summary>
    public event Action<HubFile, int, long, Exception>? Retrying;

    /// <summary>Fetches <paramref name="file"/> into <paramref name="partPath"/>, resuming what is there.</summary>
    /// <param name="progress">Receives the bytes on disk as they grow.</param>
    /// <returns>The file with the size and sha256 the hub published, from the listing or the response headers.</returns>
    /// <exception cref="ModelPullException">Not found, not allowed, or interrupted more than <see cref="HubOptions.MaxAttempts"/> times.</exception>
    public async Task<HubFile> DownloadAsync(HubModelReference reference, string revision, HubFile file, string partPath,
        Action<long> progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (File.Exists(partPath))
            {
                var onDisk = new FileInfo(partPath).Length;
                if (onDisk == file.Size) return file; // finished by an earlier run
                if (onDisk > file.Size) File.Delete(partPath);
            }
            var have = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
            progress(have);
            try
            {
                using var response = await hub.GetAsync(reference, revision, file.Path, have, cancellationToken);
                var content = response.Message.Content.Headers;
                if (response.Status == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    // Asked past the end: what is on disk is the whole file when the hub says that is its length.
                    if (content.ContentRange?.Length == have) return file with { Size = have, Sha256 = file.Sha256 ?? response.LinkedSha256 };
                    throw new IOException($"the hub cannot serve {file.Path} from byte {have}");
                }
                var resumed = response.Status == HttpStatusCode.PartialContent;
                if (resumed && content.ContentRange?.From != have)
                    throw new IOException($"the hub resumed {file.Path} at the wrong byte ({content.ContentRange})");
                file = file with
                {
                    Size = file.Size ?? response.LinkedSize ?? (resumed ? content.ContentRange?.Length : content.ContentLength),
                    Sha256 = file.Sha256 ?? response.LinkedSha256,
                };
                // Without a 206 the hub ignored the Range header: start over.
                have = await CopyAsync(response.Message, partPath, append: resumed, resumed ? have : 0, progress, cancellationToken);
                if (file.Size is { } expected && have < expected)
                    throw new IOException($"the connection closed after {have} of {expected} bytes");
                return file with { Size = file.Size ?? have };
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                var onDisk = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
                if (attempt >= options.MaxAttempts)
                    throw new ModelPullException(PullFailure.Interrupted,
                        $"{file.Path}: the transfer broke off {attempt} time(s), last with {onDisk} bytes on disk ({e.Message}); pull again to resume", e);
                Retrying?.Invoke(file, attempt, onDisk, e);
                await Task.Delay(options.RetryDelay, time, cancellationToken);
            }
        }
    }

    /// <summary>Checks a downloaded file against the published size and sha256, and returns its sha256.</summary>
    /// <exception cref="ModelPullException">The file differs (<see cref="PullFailure.Integrity"/>).</exception>
    public static async Task<string> VerifyAsync(HubFile file, string path, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (file.Size is { } size && length != size)
            throw new ModelPullException(PullFailure.Integrity, $"{file.Path} is {length} bytes, but the hub published {size}");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        if (file.Sha256 is { } published && sha256 != published)
            throw new ModelPullException(PullFailure.Integrity, $"{file.Path} has sha256 {sha256}, but the hub published {published}: the download is corrupt");
        return sha256;
    }

    private async Task<long> CopyAsync(HttpResponseMessage response, string partPath, bool append, long have, Action<long> progress,
        CancellationToken cancellationToken)
    {
        await using var output = new FileStream(partPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
        await using var input = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[BufferSize];
        // A stalled connection never ends by itself; this timer, re-armed on every read, turns it into a retry.
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        await using var cancel = cancellationToken.Register(stall.Cancel);
        while (true)
        {
            stall.CancelAfter(options.StallTimeout);
            int read;
            try
            {
                read = await input.ReadAsync(buffer, stall.Token);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"nothing received for {options.StallTimeout}", e);
            }
            if (read == 0) return have;
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            have += read;
            progress(have);
        }
    }
}
