using System.ComponentModel.DataAnnotations;

namespace Foreman.Api.Access;

/// <summary>The API keys (<c>Foreman__ApiKeys__0</c>, ...): when any is set, every <c>/api/*</c> call needs one.</summary>
internal sealed class ApiKeyOptions : IValidatableObject
{
    public const string Section = "Foreman";

    public string[] ApiKeys { get; set; } = [];

    /// <summary>Refuses to start with a blank key, which would otherwise look like protection that is not there.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeys.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("Foreman:ApiKeys contains an empty key; remove it or give it a value", [nameof(ApiKeys)]);
    }
}
