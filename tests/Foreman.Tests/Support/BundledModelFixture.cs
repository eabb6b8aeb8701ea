using Foreman.Alignment;
using Foreman.Bench;
using Foreman.Inputs.Audio;
using Foreman.Models;
using Foreman.Tests.Support;
using Foreman.Worker;

namespace Foreman.Tests.Support;

/// <summary>The bundled model, loaded once per test class that needs it, with the engine as the service composes them, and bench songs decoded on demand.</summary>
public sealed class BundledModelFixture : IDisposable
{
    public InferenceOptions Options { get; } = new() { Device = InferenceDevice.Cpu };

    public OnnxLoadedModel Model { get; }

    public ForcedAlignmentEngine Engine { get; } = new(new AlignmentOptions());

    public BundledModelFixture() => Model = OnnxLoadedModel.Load(EngineTestPaths.BundledModel, "foreman-tiny-en", Options);

    /// <summary>Lyrics aligned to audio as the worker aligns a job.</summary>
    public AlignmentResult Align(float[] samples, string lyrics, string? language = null, IProgress<double>? progress = null) =>
        new SongAligner(Engine).Align(Model, samples, lyrics, language, progress, TestContext.Current.CancellationToken);

    public static BenchSong Song(string name) => BenchSong.LoadFolder(EngineTestPaths.BenchSongs).Single(s => s.Name == name);

    public async Task<float[]> DecodeAsync(BenchSong song) =>
        (await new AudioDecoder(Model.SampleRate).DecodeAsync(song.AudioPath, TestContext.Current.CancellationToken)).Samples;

    public void Dispose() => Model.Dispose();
}
