using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Foreman.Tests.Support;

/// <summary>
/// A real S3-compatible server for the tests: the npm package s3rver, installed into <c>.tools/s3rver</c> (git-ignored)
/// on first use and run with node on a 127.0.0.1 port, storing into a temp directory. It knows the key pair S3RVER/S3RVER
/// and starts with the bucket <see cref="Bucket"/>.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string Bucket = "audio";
    public const string AccessKey = "S3RVER";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static string ToolDir => Path.Combine(RepositoryPaths.Root, ".tools", "s3rver");

    private const string Launcher = """
        // Usage: node launch.js PORT DIRECTORY. Prints "listening" once it accepts connections.
        const S3rver = require('s3rver');
        const [port, directory] = process.argv.slice(2);
        new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true, configureBuckets: [{ name: 'audio' }] })
          .run()
          .then(() => console.log('listening'), e => { console.error(e); process.exit(1); });
        """;

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private S3rverProcess(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static string ServiceUrl(int port) => $"http://127.0.0.1:{port}";

    /// <summary>The Foreman:S3 settings that point the server at s3rver on <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> Settings(int port, string accessKey = AccessKey) => new()
    {
        ["Foreman:S3:ServiceUrl"] = ServiceUrl(port),
        ["Foreman:S3:Region"] = "us-east-1",
        ["Foreman:S3:AccessKey"] = accessKey,
        ["Foreman:S3:SecretKey"] = "S3RVER",
        ["Foreman:S3:ForcePathStyle"] = "true",
    };

    public static async Task<S3rverProcess> StartAsync(int? port = null, CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var chosen = port ?? ForemanProcess.FreePort();
        var directory = new TempDirectory();
        var info = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(ToolDir, "launch.js"), chosen.ToString(), directory.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data == "listening") listening.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited: {errors}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new S3rverProcess(process, directory, chosen);
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Uploads an object the way a client would (s3rver does not take the SDK's chunked encoding).</summary>
    public async Task PutAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, "S3RVER"),
            new AmazonS3Config { ServiceURL = ServiceUrl(Port), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content),
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(ToolDir);
            await File.WriteAllTextAsync(Path.Combine(ToolDir, "launch.js"), Launcher, cancellationToken);
            if (File.Exists(Path.Combine(ToolDir, "node_modules", "s3rver", "package.json"))) return;
            var info = new ProcessStartInfo("npm")
            {
                ArgumentList = { "install", "--prefix", ToolDir, "--no-audit", "--no-fund", "--loglevel=error", "s3rver@3" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var npm = Process.Start(info)!;
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm install s3rver@3 failed ({npm.ExitCode}): {await output}{await error}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _directory.Dispose();
    }
}
