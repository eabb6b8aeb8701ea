using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Foreman.Api;

/// <summary>The <c>wait</c> preference of RFC 7240 (<c>Prefer: wait=10</c>): how long a client is willing to wait, in seconds.</summary>
internal static class PreferWait
{
    /// <summary>The wait asked for, or null when the request states none (or none that parses: RFC 7240 says to ignore it).</summary>
    public static TimeSpan? Parse(StringValues headers)
    {
        foreach (var header in headers)
        {
            foreach (var preference in (header ?? "").Split(','))
            {
                var (name, value) = Split(preference.Split(';')[0]);
                if (name.Equals("wait", StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
            }
        }
        return null;
    }

    /// <summary>The <c>Preference-Applied</c> value for the wait honoured: whole seconds.</summary>
    public static string Format(TimeSpan wait) => $"wait={(long)wait.TotalSeconds}";

    private static (string Name, string Value) Split(string token)
    {
        var equals = token.IndexOf('=');
        return equals < 0 ? (token.Trim(), "") : (token[..equals].Trim(), token[(equals + 1)..].Trim());
    }
}
