using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Webhooks;

internal static class WebhooksServiceCollectionExtensions
{
    /// <summary>Signed webhooks: the callback_url rules, the outbox, and the dispatcher that delivers it.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSigner>();
        services.AddSingleton<CallbackUrlRules>();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
