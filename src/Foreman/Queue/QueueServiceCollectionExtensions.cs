using Foreman.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foreman.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>The SQLite job store, its migrations, and the in-process signals around it.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services)
    {
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ForemanOptions>>().Value;
            Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
            return new SqliteDatabase(options.DatabasePath);
        });
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<JobIds>();
        services.AddSingleton<JobCompletions>();
        services.AddSingleton<QueueSignal>();
        return services;
    }
}
