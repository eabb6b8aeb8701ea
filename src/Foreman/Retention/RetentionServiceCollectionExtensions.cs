using Foreman.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>The purger of finished jobs past <c>Foreman:Retention:*</c>, on the configured provider's database.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SqliteJobPurge>();
        services.AddSingleton<PostgresJobPurge>();
        // Chosen when first resolved, as the job store is (AddQueue).
        services.AddSingleton<JobPurge>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.UsesPostgres
            ? sp.GetRequiredService<PostgresJobPurge>()
            : sp.GetRequiredService<SqliteJobPurge>());
        services.AddSingleton<JobPurger>();
        services.AddHostedService(sp => sp.GetRequiredService<JobPurger>());
        return services;
    }
}
