namespace Foreman.Tests.Support;

/// <summary>Where the repository and the shared material beside it are, found from the test binary's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the checkout: bench songs, the model's training recipe.</summary>
    public static string SharedDir => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string BenchSongsDir => Path.Combine(SharedDir, "bench", "songs");

    public static string ModelsDir => Path.Combine(Root, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "foreman.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("foreman.sln not found above " + AppContext.BaseDirectory);
    }
}
