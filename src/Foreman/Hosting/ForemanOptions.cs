using System.ComponentModel.DataAnnotations;

namespace Foreman.Hosting;

/// <summary>Top-level settings (section <c>Foreman</c>; environment <c>Foreman__DataDir</c> etc.). Operators' scripts rely on these names.</summary>
public sealed class ForemanOptions : IValidatableObject
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

    /// <summary>
    /// Storage provider: <c>sqlite</c> (embedded default: one process) or <c>postgres</c> (several nodes, one worker each, on
    /// one database; needs <see cref="Postgres"/> and <see cref="SharedUploadsDir"/>).
    /// </summary>
    [Required, AllowedValues("sqlite", "postgres")] public string Database { get; set; } = "sqlite";

    public PostgresOptions Postgres { get; set; } = new();

    /// <summary>
    /// Where uploads go when <see cref="Database"/> is <c>postgres</c>: a directory every node mounts at the same path (NFS,
    /// a shared volume), because any node may run a job that another node accepted.
    /// </summary>
    public string? SharedUploadsDir { get; set; }

    public bool UsesPostgres => Database == "postgres";

    public string ResolvedModelsDir => string.IsNullOrWhiteSpace(ModelsDir)
        ? Path.Combine(AppContext.BaseDirectory, "models")
        : Path.GetFullPath(ModelsDir);

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDir), "foreman.db");

    /// <summary>Where uploads go: the shared directory on PostgreSQL (validation rejects postgres without one), else under the data directory.</summary>
    public string UploadsDir => UsesPostgres && !string.IsNullOrWhiteSpace(SharedUploadsDir)
        ? Path.GetFullPath(SharedUploadsDir)
        : Path.Combine(Path.GetFullPath(DataDir), "uploads");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesPostgres) yield break;
        if (string.IsNullOrWhiteSpace(Postgres.ConnectionString))
            yield return new ValidationResult("Foreman:Postgres:ConnectionString is required when Foreman:Database is postgres",
                [nameof(Postgres)]);
        if (string.IsNullOrWhiteSpace(SharedUploadsDir))
            yield return new ValidationResult("Foreman:SharedUploadsDir is required when Foreman:Database is postgres: every node must reach every upload",
                [nameof(SharedUploadsDir)]);
        else if (!Directory.Exists(SharedUploadsDir))
            yield return new ValidationResult($"Foreman:SharedUploadsDir '{SharedUploadsDir}' does not exist; mount the shared directory first",
                [nameof(SharedUploadsDir)]);
    }
}
