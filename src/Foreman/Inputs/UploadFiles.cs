namespace Foreman.Inputs;

/// <summary>
/// Where a job's stored audio lives: <c>&lt;uploads&gt;/&lt;job id&gt;.audio</c>, whether it was uploaded or fetched from its
/// <c>audio_url</c> by the input stage. Whoever serves or deletes it goes through here, so a job's path never names
/// another file.
/// </summary>
public static class UploadFiles
{
    public const string Extension = ".audio";

    public static string PathOf(string uploadsDirectory, string jobId) => Path.Combine(uploadsDirectory, jobId + Extension);

    /// <summary>Whether <paramref name="path"/> is the file stored for <paramref name="jobId"/>, not whatever else a path might name.</summary>
    public static bool IsStoredFor(string? path, string jobId) => path is not null && Path.GetFileName(path) == jobId + Extension;
}
