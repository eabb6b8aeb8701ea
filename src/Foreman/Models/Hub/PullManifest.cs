using System.Text.Json;

namespace Foreman.Models.Hub;

/// <summary>
/// <c>source.json</c> in a pulled model's folder: where it came from and what was checked. While the pull runs it
/// identifies the staging folder, so a later pull resumes only the same commit's files. <see cref="Files"/> are the hub's
/// paths; the ONNX file the variant chose is installed as <c>model.onnx</c>, every file at the folder's root.
/// </summary>
public sealed record PullManifest(string Hub, string Source, string? Commit, IReadOnlyList<HubFile> Files, DateTimeOffset? PulledAt,
    string Variant = ModelVariants.Default)
{
    public const string FileName = "source.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The manifest in <paramref name="directory"/>, or null when there is none or it is unreadable.</summary>
    public static PullManifest? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<PullManifest>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(string directory) => File.WriteAllBytes(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Whether files staged for <paramref name="other"/> are the same download as this one's.</summary>
    public bool SameDownloadAs(PullManifest other) => Hub == other.Hub && Source == other.Source && Commit == other.Commit && Variant == other.Variant;
}
