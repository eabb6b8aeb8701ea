using System.ComponentModel.DataAnnotations;

namespace Foreman.Models;

/// <summary>Where models are and which one serves requests that name none (<c>Foreman__ModelsDir</c>, <c>Foreman__DefaultModel</c>).</summary>
public sealed class ModelCatalogOptions
{
    public const string Section = "Foreman";

    /// <summary>One folder per model. Empty: the <c>models</c> folder shipped beside the executable.</summary>
    public string? ModelsDir { get; set; }

    /// <summary>Model used when a request names none; loaded eagerly at start.</summary>
    [Required, RegularExpression(ModelNames.Pattern)] public string DefaultModel { get; set; } = "foreman-tiny-en";

    public string ResolvedModelsDir => string.IsNullOrWhiteSpace(ModelsDir)
        ? Path.Combine(AppContext.BaseDirectory, "models")
        : Path.GetFullPath(ModelsDir);
}
