namespace Foreman.Inputs.Audio;

/// <summary>Audio decoded to mono float samples (nominally −1..1) at one sample rate.</summary>
public sealed record DecodedAudio(float[] Samples, int SampleRate)
{
    /// <summary>Length in seconds.</summary>
    public double Duration => (double)Samples.Length / SampleRate;
}
