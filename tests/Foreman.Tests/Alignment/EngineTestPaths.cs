namespace Foreman.Tests.Alignment;

/// <summary>Where the repository and the shared bench material are, found from the test binaries.</summary>
internal static class EngineTestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string BundledModel => Path.Combine(RepositoryRoot, "models", "foreman-tiny-en");

    /// <summary>The shared folder beside the repository (/work/shared in the dev setup).</summary>
    public static string BenchSongs => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "bench", "songs"));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "foreman.sln"))) return directory.FullName;
        throw new InvalidOperationException($"no foreman.sln above {AppContext.BaseDirectory}");
    }
}
