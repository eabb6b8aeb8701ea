namespace Foreman.Inputs;

/// <summary>Turns a job's audio reference (an uploaded file or a URL) into decoded mono samples at the model's rate.</summary>
public interface IAudioInputs
{
    /// <exception cref="UnusableAudioException">The audio can never be read (permanent).</exception>
    Task<float[]> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken);
}

/// <summary>Where a job's audio is: an uploaded file in the data directory, or a URL the input stage fetches.</summary>
public sealed record AudioSource(string? Path, string? Url);
