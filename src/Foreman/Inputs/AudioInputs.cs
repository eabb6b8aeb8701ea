using Foreman.Alignment;
using Foreman.Alignment.Audio;

namespace Foreman.Inputs;

/// <summary>The input stage: decodes an uploaded file with ffmpeg (or natively for PCM WAV).</summary>
public sealed class AudioInputs : IAudioInputs
{
    public async Task<float[]> LoadAsync(AudioSource source, int sampleRate, CancellationToken cancellationToken)
    {
        if (source.Path is null)
            throw new AlignmentInputException($"fetching audio_url '{source.Url}' is not supported by this server");
        if (!File.Exists(source.Path))
            throw new AlignmentInputException("the job's uploaded audio is missing from the data directory");
        var decoded = await new AudioDecoder(sampleRate).DecodeAsync(source.Path, cancellationToken);
        return decoded.Samples;
    }
}
