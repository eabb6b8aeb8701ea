using System.ComponentModel.DataAnnotations;

namespace Foreman.Hosting;

/// <summary>Top-level settings (section <c>Foreman</c>; environment <c>Foreman__DataDir</c> etc.). Operators' scripts rely on these names.</summary>
public sealed class ForemanOptions
{
    public const string Section = "Foreman";

    /// <summary>Holds the SQLite file (<c>foreman.db</c>) and uploaded audio.</summary>
    [Required] public string DataDir { get; set; } = "data";

    /// <summary>One folder per model. Empty: the <c>models</c> folder shipped beside the executable.</summary>
    public string? ModelsDir { get; set; }

    /// <summary>Model used when a request names none; loaded eagerly at start.</summary>
    [Required, RegularExpression(ModelNames.Pattern)] public string DefaultModel { get; set; } = "foreman-tiny-en";

    /// <summary>When non-empty, every <c>/api/*</c> call needs one of these keys.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Submits beyond this many queued jobs get 503 with Retry-After.</summary>
    [Range(1, int.MaxValue)] public int MaxQueued { get; set; } = 10_000;

    /// <summary>Storage provider: <c>sqlite</c> (embedded default).</summary>
    [Required, AllowedValues("sqlite")] public string Database { get; set; } = "sqlite";

    public string ResolvedModelsDir => string.IsNullOrWhiteSpace(ModelsDir)
        ? Path.Combine(AppContext.BaseDirectory, "models")
        : Path.GetFullPath(ModelsDir);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "foreman.db");

    public string UploadsDir => Path.Combine(Path.GetFullPath(DataDir), "uploads");
}
