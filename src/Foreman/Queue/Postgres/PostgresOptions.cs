namespace Foreman.Queue;

/// <summary>Section <c>Foreman:Postgres</c>: the shared database, used when <see cref="StorageOptions.Database"/> is <c>postgres</c>.</summary>
public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=foreman;Username=foreman;Password=...</c>.</summary>
    public string? ConnectionString { get; set; }
}
