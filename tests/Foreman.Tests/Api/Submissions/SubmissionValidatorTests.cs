using Foreman.Api;
using Foreman.Inputs.Http;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Tests.Support;
using Foreman.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Foreman.Tests.Api;

public sealed class SubmissionValidatorTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly SubmissionValidator _validator;

    public SubmissionValidatorTests()
    {
        var catalog = new ModelCatalog(Options.Create(new ModelCatalogOptions { ModelsDir = TestModels.Create(_root, "a", "b"), DefaultModel = "a" }));
        var policy = new UrlPolicy(Options.Create(new HttpInputOptions()));
        _validator = new SubmissionValidator(catalog, new AudioUrlRules(policy),
            new CallbackUrlRules(policy, new WebhookSigner(Options.Create(new WebhookOptions()))),
            Options.Create(new StorageOptions { DataDir = _root.Path }), Options.Create(new QueueOptions { MaxAttempts = 4 }), _time);
    }

    [Fact]
    public void ToJob_UploadWithDefaults_IsTheJobToStore()
    {
        var job = _validator.ToJob("01J", Upload(), "key-1");

        Assert.Equal("a", job.Model);
        Assert.Equal("json", job.Format);
        Assert.Equal(UploadFiles.PathOf(Path.Combine(Path.GetFullPath(_root.Path), "uploads"), "01J"), job.AudioPath);
        Assert.Null(job.AudioUrl);
        Assert.Equal("key-1", job.IdempotencyKey);
        Assert.Equal(4, job.MaxAttempts);
        Assert.Equal("en", job.Language); // guessed from the script, and stored so the worker parses the same way
        Assert.Null(job.KeepAlive);
        Assert.Null(job.Deadline);
    }

    [Fact]
    public void ToJob_EveryFieldGiven_IsCarriedOver()
    {
        var job = _validator.ToJob("01J", Upload() with { Model = " b ", Format = "srt", KeepAlive = "-1", Deadline = "10m", Language = "FR" }, null);

        Assert.Equal("b", job.Model);
        Assert.Equal("srt", job.Format);
        Assert.Equal(TimeSpan.FromSeconds(-1), job.KeepAlive);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), job.Deadline);
        Assert.Equal("fr", job.Language);
    }

    [Theory]
    [InlineData("missing-audio", null, 0, null)]
    [InlineData("empty-audio", "upload", 0, null)]
    [InlineData("invalid-audio-url", null, 0, "ftp://example.com/a.mp3")]
    [InlineData("invalid-audio-url", null, 0, "https://127.0.0.1/a.mp3")]
    public void ToJob_BadAudio_IsRejectedNamingIt(string type, string? upload, long bytes, string? url)
    {
        var submission = new Submission(upload is null ? null : Path.Combine(_root.Path, "x.partial"), bytes, url, "la la", null, null, null, null);

        AssertRejected(type, submission);
    }

    [Fact]
    public void ToJob_UploadAndUrl_IsRejected() =>
        Assert.Equal(400, Rejection(Upload() with { AudioUrl = "https://example.com/a.mp3" }).StatusCode);

    [Theory]
    [InlineData("missing-lyrics", null)]
    [InlineData("invalid-lyrics", "la\u0000la")]
    [InlineData("no-lyrics", "[Chorus]\n\n(x2)")]
    public void ToJob_BadLyrics_IsRejectedNamingIt(string type, string? lyrics) => AssertRejected(type, Upload() with { Lyrics = lyrics });

    [Theory]
    [InlineData("invalid-model-name", "../etc")]
    [InlineData("unknown-model", "c")]
    public void ToJob_BadModel_IsRejectedNamingIt(string type, string model) => AssertRejected(type, Upload() with { Model = model });

    [Fact]
    public void ToJob_ModelWithUnreadableVocabulary_IsBroken()
    {
        File.WriteAllText(Path.Combine(_root.Path, "models", "b", "vocab.json"), "{ not json");

        AssertRejected("broken-model", Upload() with { Model = "b" });
    }

    [Theory]
    [InlineData("invalid-language", "Language", "klingon")]
    [InlineData("unknown-format", "Format", "docx")]
    public void ToJob_BadChoice_IsRejectedNamingIt(string type, string field, string value) =>
        AssertRejected(type, field == "Language" ? Upload() with { Language = value } : Upload() with { Format = value });

    [Theory]
    [InlineData("soon", null)]
    [InlineData("31d", null)]
    [InlineData(null, "0")]
    [InlineData(null, "-5m")]
    [InlineData(null, "31d")]
    public void ToJob_BadDurations_AreBadRequests(string? keepAlive, string? deadline)
    {
        var problem = Rejection(Upload() with { KeepAlive = keepAlive, Deadline = deadline });

        Assert.Equal(400, problem.StatusCode);
        Assert.Contains(keepAlive is null ? "deadline" : "keep_alive", problem.ProblemDetails.Detail);
    }

    [Fact]
    public void ToJob_CallbackWithoutSigningSecret_WebhooksAreDisabled() =>
        AssertRejected("webhooks-disabled", Upload() with { CallbackUrl = "https://example.com/hook" });

    private Submission Upload() => new(Path.Combine(_root.Path, "x.partial"), 1000, null, "hello world", null, null, null, null);

    private void AssertRejected(string type, Submission submission) => Assert.EndsWith("/" + type, Rejection(submission).ProblemDetails.Type);

    private Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Rejection(Submission submission) =>
        Assert.Throws<SubmissionRejectedException>(() => _validator.ToJob("01J", submission, null)).Problem;

    public void Dispose() => _root.Dispose();
}
