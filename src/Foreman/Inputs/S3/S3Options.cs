using System.ComponentModel.DataAnnotations;

namespace Foreman.Inputs.S3;

/// <summary>
/// Where <c>s3://bucket/key</c> audio comes from (section <c>Foreman:S3</c>). Empty: AWS itself, with the SDK's default
/// credentials (environment, profile, web identity; instance metadata only with <see cref="UseInstanceMetadata"/>). Cloudflare R2: <c>ServiceUrl=https://ACCOUNT.r2.cloudflarestorage.com</c>, <c>Region=auto</c>.
/// MinIO: its URL and <c>ForcePathStyle=true</c>.
/// </summary>
public sealed class S3Options : IValidatableObject
{
    public const string Section = "Foreman:S3";

    /// <summary>Endpoint of an S3-compatible service; empty for AWS.</summary>
    [Url] public string? ServiceUrl { get; set; }

    /// <summary>Region to sign requests for (AWS region name, or what the service asks for, e.g. <c>auto</c> for R2).</summary>
    [Required] public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id; with <see cref="SecretKey"/>, or neither to use the SDK's default credential chain.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Read public buckets without signing (no credentials at all).</summary>
    public bool Anonymous { get; set; }

    /// <summary>
    /// Let the SDK's default credential chain ask the EC2 instance metadata service (IMDS) for a role's credentials;
    /// off by default, so a node outside EC2 never probes 169.254.169.254.
    /// </summary>
    public bool UseInstanceMetadata { get; set; }

    /// <summary>Address buckets as <c>host/bucket/key</c> instead of <c>bucket.host/key</c> (MinIO and most self-hosted servers).</summary>
    public bool ForcePathStyle { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
            yield return new ValidationResult("set both Foreman:S3:AccessKey and Foreman:S3:SecretKey, or neither", [nameof(AccessKey), nameof(SecretKey)]);
        if (Anonymous && !string.IsNullOrEmpty(AccessKey))
            yield return new ValidationResult("Foreman:S3:Anonymous and Foreman:S3:AccessKey exclude each other", [nameof(Anonymous), nameof(AccessKey)]);
    }
}
