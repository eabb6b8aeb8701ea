using System.Text;
using Foreman.Alignment;
using Foreman.Emissions;
using Foreman.Inputs.Audio;
using Foreman.Models;
using Foreman.Models.Hub;
using Foreman.Tests.Support;
using Foreman.Worker;

namespace Foreman.Tests.Models.Hub;

public class ModelPullerTests
{
    private static readonly string BundledDir = Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en");

    private static long BundledBytes => new[] { "model.onnx", "vocab.json", "preprocessor_config.json" }.Sum(f => new FileInfo(Path.Combine(BundledDir, f)).Length);

    private static long OnnxBytes => new FileInfo(Path.Combine(BundledDir, "model.onnx")).Length;

    [Fact]
    public async Task PullAsync_PublicRepository_InstallsModelThatAlignsLikeTheBundledOne()
    {
        var song = Path.Combine(RepositoryPaths.BenchSongsDir, "dev_03.flac");
        await using var fixture = await PullFixture.StartAsync();
        var reports = new List<PullProgress>();

        var manifest = await fixture.Puller().PullAsync(PullFixture.Request(), reports.Add, TestContext.Current.CancellationToken);

        Assert.True(fixture.Catalog.Contains("tiny"));
        Assert.False(Directory.Exists(fixture.StagingDir));
        Assert.False(File.Exists(Path.Combine(fixture.Catalog.PathOf("tiny"), "README.md")));
        Assert.Equal(TestHub.Commit, manifest.Commit);
        Assert.Equal([PullState.Pulling, PullState.Verifying, PullState.Ready], reports.Select(r => r.State).Distinct());
        Assert.Equal(BundledBytes, reports[^1].BytesDone);
        Assert.All(reports.Where(r => r.State == PullState.Pulling), r => Assert.Equal(BundledBytes, r.BytesTotal));

        var samples = (await new AudioDecoder(16000).DecodeAsync(song, TestContext.Current.CancellationToken)).Samples;
        var lyrics = await File.ReadAllTextAsync(Path.ChangeExtension(song, ".txt"), TestContext.Current.CancellationToken);
        using var bundled = OnnxLoadedModel.Load(BundledDir, "foreman-tiny-en", new InferenceOptions());
        using var pulled = new OnnxModelLoader(fixture.Catalog, Microsoft.Extensions.Options.Options.Create(new InferenceOptions())).Load("tiny", CancellationToken.None);
        var aligner = new SongAligner(new ForcedAlignmentEngine(new AlignmentOptions()));
        var expected = aligner.Align(bundled, samples, lyrics, null, null, CancellationToken.None);
        var actual = aligner.Align(pulled, samples, lyrics, null, null, CancellationToken.None);
        Assert.Equal("tiny", actual.Model);
        Assert.NotEmpty(expected.Lines);
        Assert.Equal(Times(expected), Times(actual));
    }

    [Fact]
    public async Task PullAsync_OnnxFolderOnHubWithoutListing_ProbesAndChecksLinkedHash()
    {
        await using var fixture = await PullFixture.StartAsync(onnxFolder: true);
        fixture.Hub.ListingEnabled = false;

        var manifest = await fixture.Puller().PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(fixture.Catalog.PathOf("tiny"), "model.onnx")));
        Assert.False(Directory.Exists(Path.Combine(fixture.Catalog.PathOf("tiny"), "onnx")));
        Assert.True(fixture.Catalog.Contains("tiny"));
        Assert.Null(manifest.Commit);
        var onnx = Assert.Single(manifest.Files, f => f.Path == "onnx/model.onnx");
        Assert.Equal(TestHub.Sha256(File.ReadAllBytes(Path.Combine(BundledDir, "model.onnx"))), onnx.Sha256);
    }

    [Fact]
    public async Task PullAsync_ConnectionDropsOnce_ResumesWithRangeAndSendsEachByteOnce()
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.CutOnce("model.onnx", 1_000_000);

        await fixture.Puller().PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken);

        var transfers = fixture.Hub.Transfers.Where(t => t.Path == "model.onnx").ToList();
        Assert.Equal(2, transfers.Count);
        Assert.Equal(("", 1_000_000L), (transfers[0].Range, transfers[0].Bytes));
        var resumedAt = ResumedAt(transfers[1]);
        Assert.InRange(resumedAt, 1, 1_000_000); // what reached the disk before the cut
        Assert.Equal(OnnxBytes - resumedAt, transfers[1].Bytes);
        Assert.Equal(File.ReadAllBytes(Path.Combine(BundledDir, "model.onnx")), File.ReadAllBytes(Path.Combine(fixture.Catalog.PathOf("tiny"), "model.onnx")));
    }

    [Fact]
    public async Task PullAsync_InterruptedMoreThanAllowed_KeepsPartialFileForTheNextPullToResume()
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.CutOnce("model.onnx", 1_000_000);

        var failure = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller(maxAttempts: 1).PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken));

        Assert.Equal(PullFailure.Interrupted, failure.Failure);
        Assert.Contains("pull again to resume", failure.Message);
        Assert.False(fixture.Catalog.Contains("tiny"));
        var part = new FileInfo(Path.Combine(fixture.StagingDir, "tiny", "model.onnx.part"));
        Assert.InRange(part.Length, 1, 1_000_000);

        await fixture.Puller().PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken);

        Assert.Equal($"bytes={part.Length}-", fixture.Hub.Transfers.Last(t => t.Path == "model.onnx").Range);
        Assert.True(fixture.Catalog.Contains("tiny"));
        Assert.False(Directory.Exists(fixture.StagingDir));
    }

    [Fact]
    public async Task PullAsync_CorruptedByte_FailsHashCheckAndLeavesNothing()
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.CorruptAlways("model.onnx");

        var failure = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller().PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken));

        Assert.Equal(PullFailure.Integrity, failure.Failure);
        Assert.Contains("sha256", failure.Message);
        Assert.False(Directory.Exists(Path.Combine(fixture.ModelsDir, "tiny")));
        Assert.False(Directory.Exists(fixture.StagingDir));
    }

    [Fact]
    public async Task PullAsync_PrivateRepository_NeedsTheToken()
    {
        await using var fixture = await PullFixture.StartAsync();
        fixture.Hub.Add("acme/secret", TestHub.BundledModelFiles(), isPrivate: true);

        var failure = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller().PullAsync(PullFixture.Request("acme/secret"), null, TestContext.Current.CancellationToken));
        await fixture.Puller(token: TestHub.Token).PullAsync(PullFixture.Request("acme/secret"), null, TestContext.Current.CancellationToken);

        Assert.Equal(PullFailure.Unauthorized, failure.Failure);
        Assert.Contains("(401)", failure.Message);
        Assert.Contains("HF_TOKEN", failure.Message);
        Assert.True(fixture.Catalog.Contains("tiny"));
    }

    [Fact]
    public async Task PullAsync_MissingRepository_SaysNotFound()
    {
        await using var fixture = await PullFixture.StartAsync();

        var failure = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller().PullAsync(PullFixture.Request("acme/nothing"), null, TestContext.Current.CancellationToken));

        Assert.Equal(PullFailure.NotFound, failure.Failure);
        Assert.Contains("acme/nothing@main", failure.Message);
        Assert.Contains("404", failure.Message);
        Assert.False(Directory.Exists(fixture.StagingDir));
    }

    [Fact]
    public async Task PullAsync_ExistingModel_RefusedWithoutForceAndReplacedWithIt()
    {
        await using var fixture = await PullFixture.StartAsync();
        var existing = Directory.CreateDirectory(Path.Combine(fixture.ModelsDir, "tiny")).FullName;
        File.WriteAllText(Path.Combine(existing, "old.txt"), "old");

        var refusal = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller().PullAsync(PullFixture.Request(), null, TestContext.Current.CancellationToken));
        Assert.Empty(fixture.Hub.Transfers);
        await fixture.Puller().PullAsync(PullFixture.Request(force: true), null, TestContext.Current.CancellationToken);

        Assert.Equal(PullFailure.Refused, refusal.Failure);
        Assert.Contains("force", refusal.Message);
        Assert.False(File.Exists(Path.Combine(existing, "old.txt")));
        Assert.True(fixture.Catalog.Contains("tiny"));
    }

    [Fact]
    public async Task PullAsync_ForceOverModelWithRunningJob_Refused()
    {
        await using var fixture = await PullFixture.StartAsync();
        Directory.CreateDirectory(Path.Combine(fixture.ModelsDir, "tiny"));

        var refusal = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller(jobs: new ModelJobs(Queued: 0, Running: 1)).PullAsync(PullFixture.Request(force: true), null, TestContext.Current.CancellationToken));

        Assert.Equal(PullFailure.Refused, refusal.Failure);
        Assert.Contains("running", refusal.Message);
    }

    [Fact]
    public async Task PullAsync_VocabularyOfAnotherModel_FailsTheModelCheckAndLeavesNothing()
    {
        await using var fixture = await PullFixture.StartAsync();
        var files = TestHub.BundledModelFiles();
        var vocabulary = Encoding.UTF8.GetString(files["vocab.json"]).TrimEnd().TrimEnd('}') + ", \"Ω\": 32}";
        files["vocab.json"] = Encoding.UTF8.GetBytes(vocabulary);
        fixture.Hub.Add("acme/mismatch", files);

        var failure = await Assert.ThrowsAsync<ModelPullException>(() =>
            fixture.Puller().PullAsync(PullFixture.Request("acme/mismatch"), null, TestContext.Current.CancellationToken));

        Assert.Equal(PullFailure.InvalidModel, failure.Failure);
        Assert.Contains("33", failure.Message);
        Assert.False(Directory.Exists(Path.Combine(fixture.ModelsDir, "tiny")));
        Assert.False(Directory.Exists(fixture.StagingDir));
    }

    private static long ResumedAt(TestHub.Transfer transfer)
    {
        Assert.StartsWith("bytes=", transfer.Range);
        return long.Parse(transfer.Range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<(double?, double?, string)> Times(Foreman.Alignment.AlignmentResult result) =>
        result.Lines.SelectMany(l => l.Words.Select(w => ((double?)w.Start, (double?)w.End, w.Text)).Prepend((l.Start, l.End, l.Text))).ToList();
}
