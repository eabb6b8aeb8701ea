using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Queue;

internal static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// The job store of the configured provider (<c>Foreman:Database</c>: SQLite, or PostgreSQL shared by several nodes),
    /// its migrations, the node registry, and the signals around them.
    /// </summary>
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = Storage(sp);
            Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
            return new SqliteDatabase(options.DatabasePath);
        });
        services.AddSingleton(sp => new PostgresDatabase(Storage(sp).Postgres.ConnectionString!));
        services.AddSingleton<SqliteJobStore>();
        services.AddSingleton<PostgresJobStore>();
        services.AddSingleton<LocalNodeRegistry>();
        services.AddSingleton<PostgresNodeRegistry>();
        // Chosen when first resolved, so configuration added after this call (tests, command lines) still decides.
        services.AddSingleton<IQueueDatabase>(ByProvider<IQueueDatabase, SqliteDatabase, PostgresDatabase>);
        services.AddSingleton<IJobStore>(ByProvider<IJobStore, SqliteJobStore, PostgresJobStore>);
        services.AddSingleton<INodeRegistry>(ByProvider<INodeRegistry, LocalNodeRegistry, PostgresNodeRegistry>);
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<JobIds>();
        services.AddSingleton<JobCompletions>();
        services.AddSingleton<QueueSignal>();
        services.AddKeyedSingleton<QueueSignal>(QueueSignal.AudioToFetch);
        services.AddHostedService<PostgresQueueListener>();
        return services;
    }

    private static StorageOptions Storage(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static TService ByProvider<TService, TSqlite, TPostgres>(IServiceProvider services)
        where TService : class where TSqlite : class, TService where TPostgres : class, TService =>
        Storage(services).UsesPostgres ? services.GetRequiredService<TPostgres>() : services.GetRequiredService<TSqlite>();
}
