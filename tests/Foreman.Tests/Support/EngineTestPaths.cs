using Foreman.Tests.Support;

namespace Foreman.Tests.Support;

/// <summary>Where the repository, its bundled model and the tests' bench songs are, found from the test binaries.</summary>
internal static class EngineTestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string BundledModel => Path.Combine(RepositoryRoot, "models", "foreman-tiny-en");

    /// <summary>The bench songs committed with the tests (tests/data/bench/README.md).</summary>
    public static string BenchSongs => Path.Combine(RepositoryRoot, "tests", "data", "bench", "songs");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "foreman.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no foreman.sln above {AppContext.BaseDirectory}");
    }
}
