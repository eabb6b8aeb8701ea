namespace Foreman.Models;

/// <summary>What a model name may look like: a single folder name, so it can never leave the models directory.</summary>
internal static class ModelNames
{
    public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$";

    public static bool IsValid(string? name) =>
        name is not null && System.Text.RegularExpressions.Regex.IsMatch(name, Pattern) && !name.Contains("..", StringComparison.Ordinal);
}
