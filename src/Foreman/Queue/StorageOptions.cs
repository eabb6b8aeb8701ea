using System.ComponentModel.DataAnnotations;

namespace Foreman.Queue;

/// <summary>
/// Where jobs and their audio live (keys at the top of section <c>Foreman</c>: <c>Foreman__DataDir</c>,
/// <c>Foreman__Database</c>...; operators' scripts rely on these names).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Foreman";

    /// <summary>Holds the SQLite file (<c>foreman.db</c>) and uploaded audio.</summary>
    [Required] public string DataDir { get; set; } = "data";

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
