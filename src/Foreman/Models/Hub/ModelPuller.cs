using Foreman.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Foreman.Models.Hub;

/// <summary>
/// Pulls a wav2vec2 CTC ONNX export from a hub into the models directory. Files are staged in
/// <c>{models}/.pulls/{name}</c> (same filesystem, and invisible to the catalog, whose names cannot start with a dot),
/// checked against the hub's sizes and hashes, loaded once, and only then renamed into place. A failed pull removes its
/// staging folder; an interrupted one keeps it, so the same pull run again resumes. Every file is installed at the
/// folder's root, the chosen ONNX variant as <c>model.onnx</c>: the layout <see cref="ModelFolder"/> reads, whichever
/// variant was taken.
/// </summary>
public sealed class ModelPuller(
    HubClient hub,
    IOptions<HubOptions> hubOptions,
    ModelCatalog catalog,
    IModelUsage usage,
    IOptions<InferenceOptions> inference,
    TimeProvider time,
    ILogger<ModelPuller> logger)
{
    /// <summary>Staging area inside the models directory.</summary>
    public const string WorkFolder = ".pulls";

    private const string PartSuffix = ".part";
    private const string InstalledOnnx = "model.onnx";
    private static readonly string[] RequiredPaths = ["vocab.json", "preprocessor_config.json"];
    private const string ConfigPath = "config.json";

    /// <summary>The refusals that need no download: a bad name, an existing model without force, a model jobs are running on.</summary>
    /// <exception cref="ModelPullException">Refused (<see cref="PullFailure.Refused"/>).</exception>
    public void CheckAllowed(PullRequest request)
    {
        var name = request.LocalName;
        if (!ModelVariants.IsValid(request.Variant))
            throw Refused($"'{request.Variant}' is not a variant: {ModelVariants.Default}, or the X of onnx/model_X.onnx ({ModelVariants.Pattern})");
        if (!ModelNames.IsValid(name)) throw Refused($"'{name}' is not a valid model name: one folder name, {ModelNames.Pattern}");
        if (!Directory.Exists(catalog.PathOf(name))) return;
        if (!request.Force) throw Refused($"model '{name}' already exists in {catalog.Directory}; pull with force to replace it");
        var jobs = usage.JobsOf(name);
        if (jobs.Running > 0) throw Refused($"model '{name}' has {jobs.Running} job(s) running; replace it once they are done");
    }

    /// <summary>Downloads, checks and installs the model; returns its manifest.</summary>
    /// <param name="progress">Called synchronously as bytes arrive and the state changes.</param>
    /// <exception cref="ModelPullException">Refused or failed; the message says why.</exception>
    public async Task<PullManifest> PullAsync(PullRequest request, Action<PullProgress>? progress, CancellationToken cancellationToken)
    {
        CheckAllowed(request);
        var work = Directory.CreateDirectory(Path.Combine(catalog.Directory, WorkFolder)).FullName;
        try
        {
            using (LockPull(work, request.LocalName))
                return await PullLockedAsync(request, work, progress ?? (_ => { }), cancellationToken);
        }
        finally
        {
            DeleteIfEmpty(work);
        }
    }

    private async Task<PullManifest> PullLockedAsync(PullRequest request, string work, Action<PullProgress> progress, CancellationToken cancellationToken)
    {
        var source = request.Source.ToString();
        var staging = Path.Combine(work, request.LocalName);
        var started = time.GetTimestamp();
        Log.PullStarted(logger, source, hub.BaseUrl, request.LocalName);
        try
        {
            var (commit, files) = await ResolveAsync(request.Source, request.Variant, cancellationToken);
            var manifest = new PullManifest(hub.BaseUrl, source, commit, files, PulledAt: null, request.Variant);
            Stage(staging, manifest);
            long? total = files.All(f => f.Size is not null) ? files.Sum(f => f.Size!.Value) : null;
            var transfer = new FileTransfer(hub, hubOptions.Value, time);
            transfer.Retrying += (file, attempt, bytes, error) =>
                Log.PullResuming(logger, request.LocalName, file.Path, bytes, attempt, hubOptions.Value.MaxAttempts, error.Message);

            long done = 0;
            var fetched = new List<HubFile>();
            foreach (var file in files)
            {
                var part = Path.Combine(staging, file.Path + PartSuffix);
                Directory.CreateDirectory(Path.GetDirectoryName(part)!);
                var before = done;
                var got = await transfer.DownloadAsync(request.Source, commit ?? request.Source.Revision, file, part,
                    bytes => progress(new PullProgress(PullState.Pulling, before + bytes, total, file.Path)), cancellationToken);
                done += got.Size ?? 0;
                fetched.Add(got);
            }

            progress(new PullProgress(PullState.Verifying, done, done, File: null));
            var verified = new List<HubFile>();
            foreach (var file in fetched)
            {
                var part = Path.Combine(staging, file.Path + PartSuffix);
                verified.Add(file with { Sha256 = await FileTransfer.VerifyAsync(file, part, cancellationToken) });
                File.Move(part, Path.Combine(staging, InstalledPath(file)));
            }
            DeleteEmptyFolders(staging);
            PulledModelCheck.Run(staging, inference.Value.IntraOpThreads);
            manifest = manifest with { Files = verified, PulledAt = time.GetUtcNow() };
            manifest.Write(staging);
            Install(staging, work, request);
            progress(new PullProgress(PullState.Ready, done, done, File: null));
            Log.PullDone(logger, source, request.LocalName, done, time.GetElapsedTime(started).TotalSeconds);
            return manifest;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An interruption keeps the staged bytes for the next try; anything else leaves nothing behind.
            if (e is not ModelPullException { Failure: PullFailure.Interrupted }) DeleteQuietly(staging);
            Log.PullFailed(logger, source, request.LocalName, e.Message);
            throw;
        }
    }

    private async Task<(string? Commit, IReadOnlyList<HubFile> Files)> ResolveAsync(HubModelReference source, string variant, CancellationToken cancellationToken)
    {
        try
        {
            if (await hub.ListAsync(source, cancellationToken) is { } listing)
            {
                var byPath = listing.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
                var names = string.Join(", ", listing.Files.Select(f => f.Path).Take(20));
                var variants = string.Join(", ", ModelVariants.Published(listing.Files.Select(f => f.Path)));
                return (listing.Commit, await SelectAsync(source, variant, p => Task.FromResult(byPath.GetValueOrDefault(p)),
                    $"its files: {names}", $"its variants: {(variants.Length > 0 ? variants : "none")}"));
            }
            // A hub without the listing API (a plain mirror): ask for each file Foreman can use.
            const string unlisted = "404, and the hub gives no file listing: check the name and revision";
            return (null, await SelectAsync(source, variant, p => hub.ProbeAsync(source, source.Revision, p, cancellationToken), unlisted, unlisted));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            throw new ModelPullException(PullFailure.Interrupted, $"cannot reach {hub.BaseUrl}: {e.Message}", e);
        }
    }

    // Required files first: a repository that is not there at all fails on vocab.json with the clearest message.
    private async Task<IReadOnlyList<HubFile>> SelectAsync(HubModelReference source, string variant, Func<string, Task<HubFile?>> find,
        string context, string variantContext)
    {
        var chosen = new List<HubFile>();
        foreach (var path in RequiredPaths)
            chosen.Add(await find(path) ?? throw NotFound($"{source} has no {path} on {hub.BaseUrl} ({context})"));
        HubFile? onnx = null;
        var onnxPaths = ModelVariants.OnnxPaths(variant);
        foreach (var path in onnxPaths)
        {
            if ((onnx = await find(path)) is not null) break;
        }
        if (onnx is null && variant == ModelVariants.Default)
            throw NotFound($"{source} has neither model.onnx nor onnx/model.onnx ({context}); export the model to ONNX first (docs/models.md)");
        if (onnx is null)
            throw NotFound($"{source} has no variant '{variant}' ({string.Join(" nor ", onnxPaths)}; {variantContext})");
        chosen.Add(onnx);
        // Weights over 2 GB live beside the graph as external data, which ONNX Runtime reads from the same folder.
        foreach (var path in new[] { onnx.Path + "_data", onnx.Path + ".data" })
        {
            if (await find(path) is { } data) chosen.Add(data);
        }
        if (await find(ConfigPath) is { } config) chosen.Add(config);
        return chosen;
    }

    // The chosen graph becomes model.onnx; its external data keeps its file name, which the graph refers to.
    private static string InstalledPath(HubFile file) =>
        file.Path.EndsWith(".onnx", StringComparison.Ordinal) ? InstalledOnnx : Path.GetFileName(file.Path);

    // The hub's subfolders (onnx/) held only the .part files, now moved to the root.
    private static void DeleteEmptyFolders(string staging)
    {
        foreach (var folder in Directory.EnumerateDirectories(staging))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        }
    }

    // Files staged by an earlier, interrupted pull of the same commit are resumed; anything else there is discarded.
    private static void Stage(string staging, PullManifest manifest)
    {
        if (Directory.Exists(staging) && PullManifest.Read(staging)?.SameDownloadAs(manifest) != true) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        manifest.Write(staging);
    }

    private void Install(string staging, string work, PullRequest request)
    {
        var target = catalog.PathOf(request.LocalName);
        if (Directory.Exists(target))
        {
            CheckAllowed(request); // again: the model may have appeared, or jobs started, during the download
            var replaced = Path.Combine(work, $"{request.LocalName}.replaced-{Guid.NewGuid():N}");
            Directory.Move(target, replaced);
            Directory.Move(staging, target);
            DeleteQuietly(replaced);
        }
        else
        {
            Directory.Move(staging, target);
        }
        catalog.Forget(request.LocalName);
    }

    // One pull per local name at a time, across processes (the CLI beside a server): an exclusive lock file.
    private static FileStream LockPull(string work, string name)
    {
        try
        {
            return new FileStream(Path.Combine(work, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new ModelPullException(PullFailure.Refused, $"model '{name}' is being pulled already", e);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: it is in the hidden staging area, and the next pull of this name clears it.
        }
    }

    /// <summary>Removes the staging area once nothing is left in it.</summary>
    internal static void DeleteIfEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Another pull just put something there.
        }
    }

    private static ModelPullException Refused(string message) => new(PullFailure.Refused, message);

    private static ModelPullException NotFound(string message) => new(PullFailure.NotFound, message);
}
