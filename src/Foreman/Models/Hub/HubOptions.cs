using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Foreman.Models.Hub;

/// <summary>Where <c>models pull</c> downloads from (section <c>Foreman:Hub</c>): huggingface.co, a mirror, or a private hub.</summary>
public sealed class HubOptions
{
    public const string Section = "Foreman:Hub";

    /// <summary>The environment variable the token is read from when <see cref="Token"/> is not set (as the Hugging Face tools do).</summary>
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>The hub's root: files come from <c>{BaseUrl}/{owner}/{name}/resolve/{revision}/{path}</c>.</summary>
    [Required, Url] public string BaseUrl { get; set; } = "https://huggingface.co";

    /// <summary>Sent as <c>Authorization: Bearer</c> for private and gated repositories. Empty: <c>HF_TOKEN</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Tries per file when the connection drops; each one resumes where the last stopped (HTTP Range).</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before resuming a dropped transfer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")] public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A transfer that receives nothing for this long counts as dropped (and is resumed).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Takes <c>HF_TOKEN</c> from <paramref name="configuration"/> (environment variables) when no token is configured.</summary>
    public static void UseTokenVariable(HubOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.Token)) options.Token = configuration[TokenVariable];
        if (string.IsNullOrWhiteSpace(options.Token)) options.Token = null;
    }

    /// <summary>The options as the offline CLI reads them: the same section and token fallback as the server, validated.</summary>
    /// <exception cref="ValidationException">A setting is invalid.</exception>
    public static HubOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<HubOptions>() ?? new HubOptions();
        UseTokenVariable(options, configuration);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
