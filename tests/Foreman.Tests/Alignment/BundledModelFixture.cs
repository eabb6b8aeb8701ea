using Foreman.Alignment.Audio;
using Foreman.Bench;
using Foreman.Models;

namespace Foreman.Tests.Alignment;

/// <summary>The bundled model, loaded once per test class that needs it, and bench songs decoded on demand.</summary>
public sealed class BundledModelFixture : IDisposable
{
    public InferenceOptions Options { get; } = new() { Device = InferenceDevice.Cpu };

    public OnnxLoadedModel Model { get; }

    public BundledModelFixture() => Model = OnnxLoadedModel.Load(EngineTestPaths.BundledModel, "foreman-tiny-en", Options);

    public static BenchSong Song(string name) => BenchSong.LoadFolder(EngineTestPaths.BenchSongs).Single(s => s.Name == name);

    public async Task<float[]> DecodeAsync(BenchSong song) =>
        (await new AudioDecoder(Model.SampleRate).DecodeAsync(song.AudioPath, TestContext.Current.CancellationToken)).Samples;

    public void Dispose() => Model.Dispose();
}
