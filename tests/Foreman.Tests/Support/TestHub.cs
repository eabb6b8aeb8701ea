using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Foreman.Tests.Support;

/// <summary>
/// A stand-in for huggingface.co on a loopback port (real Kestrel, real sockets): the revision API with LFS sizes and
/// hashes, <c>resolve</c> URLs that redirect LFS files to a "CDN" path with <c>X-Linked-Size</c>/<c>X-Linked-ETag</c> as the
/// hub does, HTTP Range, 401 for a private repository without the token, 404 for anything missing, and injectable faults.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    public const string Token = "hf_test_token";

    /// <summary>The commit every repository's <c>main</c> resolves to.</summary>
    public const string Commit = "4f1c0ffee4f1c0ffee4f1c0ffee4f1c0ffee4f1c";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Repository> _repositories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Fault> _faults = new(StringComparer.Ordinal);

    private TestHub(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>False: the API answers 404, as a plain mirror would, and clients must probe the resolve URLs.</summary>
    public bool ListingEnabled { get; set; } = true;

    /// <summary>Every file body response: path, Range header, bytes written.</summary>
    public ConcurrentQueue<Transfer> Transfers { get; } = new();

    public static async Task<TestHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new TestHub(app);
        app.MapGet("/api/models/{owner}/{name}/revision/{revision}", (HttpContext c, string owner, string name, string revision) => hub.ListAsync(c, owner, name, revision));
        app.MapMethods("/{owner}/{name}/resolve/{revision}/{**path}", ["GET", "HEAD"],
            (HttpContext c, string owner, string name, string revision, string path) => hub.ResolveAsync(c, owner, name, revision, path));
        app.MapMethods("/cdn/{owner}/{name}/{**path}", ["GET", "HEAD"],
            (HttpContext c, string owner, string name, string path) => hub.ServeAsync(c, hub._repositories[$"{owner}/{name}"], path));
        await app.StartAsync();
        hub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return hub;
    }

    /// <summary>The bundled model's files, with the ONNX file at the root or under <c>onnx/</c>.</summary>
    public static Dictionary<string, byte[]> BundledModelFiles(bool onnxFolder = false)
    {
        var folder = Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en");
        return new Dictionary<string, byte[]>
        {
            [onnxFolder ? "onnx/model.onnx" : "model.onnx"] = File.ReadAllBytes(Path.Combine(folder, "model.onnx")),
            ["vocab.json"] = File.ReadAllBytes(Path.Combine(folder, "vocab.json")),
            ["preprocessor_config.json"] = File.ReadAllBytes(Path.Combine(folder, "preprocessor_config.json")),
            ["README.md"] = "# a model card the puller does not need\n"u8.ToArray(),
        };
    }

    /// <summary>
    /// The layout of <c>Xenova/wav2vec2-base-960h</c>: configuration at the root, the graph under <c>onnx/</c> in several
    /// variants. Each variant is the bundled model with its own ONNX doc string, so it loads and its sha256 tells which
    /// file an install took.
    /// </summary>
    public static Dictionary<string, byte[]> TransformersJsLayout(params string[] variants)
    {
        var bundled = BundledModelFiles();
        var files = new Dictionary<string, byte[]>
        {
            [".gitattributes"] = "*.onnx filter=lfs diff=lfs merge=lfs -text\n"u8.ToArray(),
            ["README.md"] = "---\nlibrary_name: transformers.js\n---\n"u8.ToArray(),
            ["config.json"] = """{"architectures": ["Wav2Vec2ForCTC"], "pad_token_id": 0, "word_delimiter_token": "|"}"""u8.ToArray(),
            ["preprocessor_config.json"] = bundled["preprocessor_config.json"],
            ["vocab.json"] = bundled["vocab.json"],
            ["tokenizer_config.json"] = """{"pad_token": "<pad>"}"""u8.ToArray(),
            ["special_tokens_map.json"] = """{"pad_token": "<pad>"}"""u8.ToArray(),
            ["quantize_config.json"] = """{"per_channel": true}"""u8.ToArray(),
        };
        foreach (var variant in variants)
            files[variant == "default" ? "onnx/model.onnx" : $"onnx/model_{variant}.onnx"] = WithDocString(bundled["model.onnx"], $"variant {variant}");
        return files;
    }

    // ModelProto field 6 (doc_string), appended: protobuf takes the last value of a scalar field, so the graph is unchanged.
    private static byte[] WithDocString(byte[] model, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 127) throw new ArgumentException("a one-byte length keeps the encoding simple", nameof(text));
        return [.. model, 0x32, (byte)bytes.Length, .. bytes];
    }

    public void Add(string repository, Dictionary<string, byte[]> files, bool isPrivate = false) =>
        _repositories[repository] = new Repository(files, isPrivate);

    /// <summary>The next download of <paramref name="path"/> drops the connection after <paramref name="bytes"/> bytes.</summary>
    public void CutOnce(string path, long bytes) => _faults[path] = new Fault(bytes, Corrupt: false, null, null);

    /// <summary>Every download of <paramref name="path"/> has one byte flipped; the published size and sha256 stay the original's.</summary>
    public void CorruptAlways(string path) => _faults[path] = new Fault(long.MaxValue, Corrupt: true, null, null);

    /// <summary>The next download of <paramref name="path"/> stops after <paramref name="bytes"/> bytes, signals <paramref name="reached"/> and waits for <paramref name="resume"/>.</summary>
    public void PauseOnce(string path, long bytes, TaskCompletionSource reached, Task resume) => _faults[path] = new Fault(bytes, Corrupt: false, reached, resume);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static bool IsLfs(string path) => path.EndsWith(".onnx", StringComparison.Ordinal);

    private async Task ListAsync(HttpContext context, string owner, string name, string revision)
    {
        if (Find(context, owner, name, revision) is not { } repository) return;
        if (!ListingEnabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var siblings = repository.Files.Select(f => IsLfs(f.Key)
            ? (object)new { rfilename = f.Key, size = f.Value.Length, lfs = new { sha256 = Sha256(f.Value), size = f.Value.Length, pointerSize = 134 } }
            : new { rfilename = f.Key, size = f.Value.Length });
        await context.Response.WriteAsJsonAsync(new { id = $"{owner}/{name}", sha = Commit, siblings });
    }

    private async Task ResolveAsync(HttpContext context, string owner, string name, string revision, string path)
    {
        if (Find(context, owner, name, revision) is not { } repository) return;
        if (!repository.Files.TryGetValue(path, out var content))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers["X-Error-Message"] = "Entry not found";
            return;
        }
        if (!IsLfs(path))
        {
            context.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA1.HashData(content))}\""; // a git blob id, not a sha256
            await ServeAsync(context, repository, path);
            return;
        }
        // As huggingface.co does for LFS files: the size and sha256 on the redirect, the bytes from storage.
        context.Response.Headers["X-Linked-Size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Linked-ETag"] = $"\"{Sha256(content)}\"";
        context.Response.Redirect($"/cdn/{owner}/{name}/{path}");
    }

    private Repository? Find(HttpContext context, string owner, string name, string revision)
    {
        if (!_repositories.TryGetValue($"{owner}/{name}", out var repository) || revision is not ("main" or Commit))
        {
            // huggingface.co answers 401 for a missing repository without a token; this hub says 404 plainly.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers["X-Error-Message"] = "Repository not found";
            return null;
        }
        if (repository.IsPrivate && context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers["X-Error-Message"] = "Invalid credentials in Authorization header";
            return null;
        }
        return repository;
    }

    private async Task ServeAsync(HttpContext context, Repository repository, string path)
    {
        var content = repository.Files[path];
        long from = 0;
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')) from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.AcceptRanges = "bytes";
        if (from >= content.Length && from > 0)
        {
            context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            context.Response.Headers.ContentRange = $"bytes */{content.Length}";
            return;
        }
        if (from > 0)
        {
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{content.Length - 1}/{content.Length}";
        }
        context.Response.ContentLength = content.Length - from;
        if (HttpMethods.IsHead(context.Request.Method)) return;

        var fault = _faults.TryGetValue(path, out var f) ? f : null;
        if (fault is { Corrupt: false }) _faults.TryRemove(path, out _);
        var body = content;
        if (fault is { Corrupt: true })
        {
            body = (byte[])content.Clone();
            body[body.Length / 2] ^= 0x20;
        }
        var stopAt = fault is { Corrupt: false } ? Math.Min(content.Length, from + fault.AfterBytes) : content.Length;
        var written = 0L;
        try
        {
            for (var offset = from; offset < stopAt; offset += 65536)
            {
                var count = (int)Math.Min(65536, stopAt - offset);
                await context.Response.Body.WriteAsync(body.AsMemory((int)offset, count));
                written += count;
            }
            await context.Response.Body.FlushAsync();
        }
        finally
        {
            Transfers.Enqueue(new Transfer(path, range, written));
        }
        if (fault?.Reached is { } reached)
        {
            reached.TrySetResult();
            await fault.Resume!;
            await context.Response.Body.WriteAsync(body.AsMemory((int)stopAt));
            Transfers.Enqueue(new Transfer(path, "(resumed after pause)", content.Length - stopAt));
        }
        else if (stopAt < content.Length)
        {
            context.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Repository(Dictionary<string, byte[]> Files, bool IsPrivate);

    private sealed record Fault(long AfterBytes, bool Corrupt, TaskCompletionSource? Reached, Task? Resume);

    /// <summary>One file body the hub sent: the Range header it was asked for and the bytes it wrote.</summary>
    public sealed record Transfer(string Path, string Range, long Bytes);
}
