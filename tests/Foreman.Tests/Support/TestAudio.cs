namespace Foreman.Tests.Support;

/// <summary>Small audio files made in the test, so queue tests need no fixtures.</summary>
public static class TestAudio
{
    /// <summary>A 16 kHz mono 16-bit PCM WAV of a quiet tone.</summary>
    public static byte[] ToneWav(double seconds = 0.5, int sampleRate = 16000) => Foreman.Bench.ToneWav.Create(seconds, sampleRate);
}
