using System.ComponentModel.DataAnnotations;

namespace Foreman.Webhooks;

/// <summary>Signed webhooks for jobs submitted with a <c>callback_url</c> (section <c>Foreman:Webhooks</c>).</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Foreman:Webhooks";

    /// <summary>
    /// The signing secret, shared with receivers. <c>whsec_</c> followed by base64 (as Standard Webhooks libraries expect):
    /// the key is the decoded bytes; without the prefix, the key is the secret's UTF-8 bytes. Unset: callback_url is refused.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Longest wait for a receiver's answer; a timeout is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the job's end a delivery is still retried (timeouts, 5xx, 408, 429, refused connections).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")] public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Delay before the first retry; doubled each time (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the dispatcher looks for due deliveries (also those queued by other nodes).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Secret is not null && WebhookSigner.KeyOf(Secret) is null)
            yield return new ValidationResult($"{Section}:Secret starts with whsec_ but the rest is not base64 of at least 16 bytes", [nameof(Secret)]);
        if (Secret is { Length: > 0 } && !Secret.StartsWith(WebhookSigner.SecretPrefix, StringComparison.Ordinal) && Secret.Length < 16)
            yield return new ValidationResult($"{Section}:Secret is shorter than 16 characters", [nameof(Secret)]);
    }
}
