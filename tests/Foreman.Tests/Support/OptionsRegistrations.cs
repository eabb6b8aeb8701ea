using Microsoft.Extensions.DependencyInjection;

namespace Foreman.Tests.Support;

/// <summary>The server's options classes behind a registered open generic service (<c>IOptionsChangeTokenSource&lt;&gt;</c>: bound; <c>IValidateOptions&lt;&gt;</c>: validated).</summary>
public static class OptionsRegistrations
{
    public static IReadOnlyList<Type> Of(IServiceCollection services, Type openService) => services
        .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == openService)
        .Select(d => d.ServiceType.GetGenericArguments()[0])
        .Where(t => t.Assembly == typeof(Foreman.Hosting.ServerApp).Assembly)
        .Distinct()
        .ToList();
}
