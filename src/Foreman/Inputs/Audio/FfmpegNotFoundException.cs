namespace Foreman.Inputs.Audio;

/// <summary>
/// ffmpeg could not be started. The server is misconfigured, not the input: the job should not fail as bad input.
/// </summary>
public sealed class FfmpegNotFoundException(string executable, Exception inner)
    : Exception($"ffmpeg ('{executable}') could not be started: install ffmpeg (e.g. apt-get install ffmpeg) or put it on PATH. {inner.Message}", inner);
