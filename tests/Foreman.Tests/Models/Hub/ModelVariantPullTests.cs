using Foreman.Alignment;
using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Tests.Support;
using Foreman.Worker;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Models.Hub;

/// <summary>Pulling one ONNX variant from a hub laid out like <c>Xenova/wav2vec2-base-960h</c>.</summary>
public class ModelVariantPullTests
{
    private const string Repository = "Xenova/wav2vec2-base-960h";
    private const string LocalName = "wav2vec2-base-960h";

    [Theory]
    [InlineData("quantized", "onnx/model_quantized.onnx")]
    [InlineData("fp16", "onnx/model_fp16.onnx")]
    [InlineData("default", "onnx/model.onnx")]
    public async Task PullAsync_Variant_InstallsThatFileAsModelOnnxBesideTheConfiguration(string variant, string hubPath)
    {
        await using var fixture = await PullFixture.StartAsync();
        var files = TestHub.TransformersJsLayout("default", "quantized", "fp16");
        fixture.Hub.Add(Repository, files);

        var manifest = await fixture.Puller().PullAsync(Request(variant), null, Ct);

        var folder = fixture.Catalog.PathOf(LocalName);
        Assert.Equal(TestHub.Sha256(files[hubPath]), TestHub.Sha256(File.ReadAllBytes(Path.Combine(folder, "model.onnx"))));
        Assert.Equal(["config.json", "model.onnx", "preprocessor_config.json", PullManifest.FileName, "vocab.json"],
            Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(variant, manifest.Variant);
        Assert.Equal(variant, PullManifest.Read(folder)!.Variant);
        Assert.Equal([hubPath], fixture.Hub.Transfers.Select(t => t.Path).Where(p => p.EndsWith(".onnx", StringComparison.Ordinal)).Distinct());
        using var loaded = new OnnxModelLoader(fixture.Catalog, Options.Create(new InferenceOptions()))
            .Load(LocalName, CancellationToken.None);
        var tone = Enumerable.Range(0, 32_000).Select(i => 0.1f * MathF.Sin(i * 0.05f)).ToArray();
        var result = new SongAligner(new ForcedAlignmentEngine(new AlignmentOptions())).Align(loaded, tone, "la la", null, null, CancellationToken.None);
        Assert.Equal(LocalName, result.Model);
    }

    [Fact]
    public async Task PullAsync_VariantTheRepositoryLacks_SaysNotFoundAndNamesItsVariants()
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.Add(Repository, TestHub.TransformersJsLayout("default", "quantized", "fp16"));

        var failure = await Assert.ThrowsAsync<ModelPullException>(() => fixture.Puller().PullAsync(Request("q4"), null, Ct));

        Assert.Equal(PullFailure.NotFound, failure.Failure);
        Assert.Contains("onnx/model_q4.onnx", failure.Message);
        Assert.Contains("its variants: default, fp16, quantized", failure.Message);
        Assert.False(fixture.Catalog.Contains(LocalName));
        Assert.DoesNotContain(fixture.Hub.Transfers, t => t.Path.EndsWith(".onnx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullAsync_VariantOnHubWithoutListing_ProbesItsPath()
    {
        await using var fixture = await PullFixture.StartAsync();
        var files = TestHub.TransformersJsLayout("default", "quantized");
        fixture.Hub.Add(Repository, files);
        fixture.Hub.ListingEnabled = false;

        await fixture.Puller().PullAsync(Request("quantized"), null, Ct);

        var installed = File.ReadAllBytes(Path.Combine(fixture.Catalog.PathOf(LocalName), "model.onnx"));
        Assert.Equal(TestHub.Sha256(files["onnx/model_quantized.onnx"]), TestHub.Sha256(installed));
    }

    [Theory]
    [InlineData("../model")]
    [InlineData("Quantized")]
    [InlineData("")]
    public async Task PullAsync_MalformedVariant_RefusedBeforeAnyDownload(string variant)
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.Add(Repository, TestHub.TransformersJsLayout("default", "quantized"));

        var failure = await Assert.ThrowsAsync<ModelPullException>(() => fixture.Puller().PullAsync(Request(variant), null, Ct));

        Assert.Equal(PullFailure.Refused, failure.Failure);
        Assert.Empty(fixture.Hub.Transfers);
    }

    [Fact]
    public void Published_ListsDefaultFirstThenTheOthers()
    {
        string[] paths = ["config.json", "onnx/model_quantized.onnx", "onnx/model.onnx", "onnx/model_fp16.onnx", "onnx/model.onnx_data", "model_int8.onnx"];

        Assert.Equal(["default", "fp16", "int8", "quantized"], ModelVariants.Published(paths));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PullRequest Request(string variant) => PullFixture.Request(Repository, LocalName) with { Variant = variant };
}
