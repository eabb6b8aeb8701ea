using Foreman.Diagnostics;
using Foreman.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Inputs;

/// <summary>
/// Removes upload files nothing will ever read, at start and every <see cref="InputOptions.SweepInterval"/>: the
/// <c>.partial</c> files of uploads and fetches cut short by a kill, and audio whose job row was never stored. Only files
/// untouched for <see cref="InputOptions.SweepGrace"/> whose job does not exist go: an upload still being written, or
/// one about to get its row (also from another node sharing the uploads directory), is younger than that.
/// </summary>
public sealed class UploadSweeper(
    IJobStore store,
    IOptions<InputOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<UploadSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                try
                {
                    Sweep();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.InputStageError(logger, e); // a sweep missed costs disk space until the next one, nothing else
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; returns the names of the files removed.</summary>
    public IReadOnlyList<string> Sweep()
    {
        var uploads = storage.Value.UploadsDir;
        if (!Directory.Exists(uploads)) return [];
        var staleBefore = time.GetUtcNow() - options.Value.SweepGrace;
        var removed = new List<string>();
        foreach (var file in new DirectoryInfo(uploads).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc > staleBefore.UtcDateTime) continue;
            // <id>.audio, <id>.partial (an upload) or <id>.<random>.partial (a fetch): the job id comes first.
            if (file.Extension is not (UploadFiles.Extension or ".partial")) continue;
            var id = file.Name[..file.Name.IndexOf('.')];
            if (store.Get(id) is not null) continue;
            try
            {
                file.Delete();
                removed.Add(file.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone already (another node swept it), or not ours to delete: leave it
            }
        }
        if (removed.Count > 0) Log.UploadsSwept(logger, removed.Count, string.Join(", ", removed.Take(10)));
        return removed;
    }
}
