namespace Foreman.Api;

/// <summary>The fields of a submit, as sent. The audio file, if any, is already on disk.</summary>
public sealed record Submission(
    string? AudioTempPath,
    long AudioBytes,
    string? AudioUrl,
    string? Lyrics,
    string? Model,
    string? Format,
    string? KeepAlive,
    string? Deadline,
    string? Language = null,
    string? CallbackUrl = null) : IDisposable
{
    /// <summary>Removes the uploaded file unless it was moved into place for a job.</summary>
    public void Dispose()
    {
        if (AudioTempPath is not null && File.Exists(AudioTempPath)) File.Delete(AudioTempPath);
    }
}
