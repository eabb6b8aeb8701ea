namespace Foreman.Tests.Support;

/// <summary>Where the repository checkout and the shared folder beside it (bench songs) are, found from the test binary.</summary>
internal static class RepositoryPaths
{
    /// <summary>The checkout: the nearest directory above the test binary that holds <c>foreman.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder that sits beside the checkout (bench songs, training data); it may be absent.</summary>
    public static string SharedDir => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string BenchSongsDir => Path.Combine(SharedDir, "bench", "songs");

    /// <summary>The models bundled with the repository.</summary>
    public static string ModelsDir => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "foreman.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no foreman.sln above {AppContext.BaseDirectory}");
    }
}
