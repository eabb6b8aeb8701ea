namespace Foreman.Tests.Support;

/// <summary>Where the repository checkout and its test data are, found from the test binary.</summary>
internal static class RepositoryPaths
{
    /// <summary>The checkout: the nearest directory above the test binary that holds <c>foreman.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The bench songs the tests use, committed with them (tests/data/bench/README.md).</summary>
    public static string BenchSongsDir => Path.Combine(Root, "tests", "data", "bench", "songs");

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
