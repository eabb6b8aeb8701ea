using System.Text.RegularExpressions;
using Foreman.Tests.Support;

namespace Foreman.Tests.Deployment;

/// <summary>
/// No Docker engine (nor hadolint) runs where the tests run, so the image's key properties are checked on the
/// Dockerfile's text: two stages, ffmpeg, a non-root user, the data volume, the readiness health check, the GPU switch.
/// </summary>
public class DockerfileTests
{
    private static readonly IReadOnlyList<(string Instruction, string Arguments)> Instructions = Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile")));

    [Fact]
    public void Stages_BuildOnSdk_RunOnRuntimeDeps()
    {
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "${RUNTIME_IMAGE} AS runtime"], Arguments("FROM"));
        // Self-contained (see below), so the runtime image needs no .NET: the same app runs on a CUDA base.
        Assert.Contains("RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0", Arguments("ARG"));
        Assert.Contains(Runtime(), i => i.Instruction == "COPY" && i.Arguments == "--from=build /app ./");
    }

    [Fact]
    public void Runtime_InstallsFfmpegAndCurl()
    {
        var install = Assert.Single(Runtime(), i => i.Instruction == "RUN" && i.Arguments.Contains("apt-get install"));
        Assert.Matches(@"apt-get install -y --no-install-recommends [^&]*\bffmpeg\b", install.Arguments);
        Assert.Matches(@"apt-get install [^&]*\bcurl\b", install.Arguments);
    }

    [Fact]
    public void Runtime_RunsAsNonRootUser()
    {
        var user = Assert.Single(Runtime(), i => i.Instruction == "USER").Arguments;
        Assert.Equal("${APP_UID}", user);
        Assert.Contains(Runtime(), i => i.Instruction == "ARG" && i.Arguments == "APP_UID=1654");
        Assert.True(Runtime().ToList().FindIndex(i => i.Instruction == "USER") > Runtime().ToList().FindLastIndex(i => i.Instruction == "RUN"),
            "the user is switched after the last RUN, so the server runs as it");
    }

    [Fact]
    public void Runtime_KeepsDataInAVolumeAndModelsMountable()
    {
        Assert.Contains("[\"/data\"]", Arguments("VOLUME"));
        var environment = string.Join(" ", Arguments("ENV"));
        Assert.Contains("Foreman__DataDir=/data", environment);
        Assert.DoesNotContain("Foreman__ModelsDir", environment); // default: the model bundled beside the executable
        Assert.Contains(Runtime(), i => i.Instruction == "RUN" && i.Arguments.Contains("chown \"${APP_UID}\" /data"));
    }

    [Fact]
    public void Runtime_ChecksReadiness()
    {
        var check = Assert.Single(Arguments("HEALTHCHECK"));
        Assert.Contains("CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1", check);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", string.Join(" ", Arguments("ENV")));
        Assert.Equal(["[\"/app/foreman\"]"], Arguments("ENTRYPOINT"));
        Assert.Equal(["[\"serve\"]"], Arguments("CMD"));
    }

    [Fact]
    public void Build_GpuArgument_DefaultsToTheGpuBuildAndSwitchesTheOnnxRuntimePackage()
    {
        Assert.Contains("FOREMAN_GPU=true", Arguments("ARG")); // as `dotnet build`: the CUDA build, CPU where CUDA is missing
        var restore = Assert.Single(Instructions, i => i.Instruction == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal)).Arguments;
        var publish = Assert.Single(Instructions, i => i.Instruction == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)).Arguments;
        Assert.Contains("-p:ForemanGpu=${FOREMAN_GPU}", restore);
        Assert.Contains("-p:ForemanGpu=${FOREMAN_GPU}", publish);
        // --no-restore publishes what the restore resolved: both for linux-x64 and self-contained (its runtime packs).
        Assert.Contains("-r linux-x64 -p:SelfContained=true", restore);
        Assert.Contains("--no-restore", publish);
        Assert.Contains("-r linux-x64", publish);
        Assert.Contains("--self-contained ", publish);
        var props = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Foreman", "Foreman.csproj"));
        Assert.Contains("Condition=\"'$(ForemanGpu)' == 'true'\"", props);
    }

    [Fact]
    public void Copy_EverySource_IsInTheRepositoryAndNotIgnored()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.TrimEnd('/')).ToList();
        foreach (var (_, arguments) in Instructions.Where(i => i.Instruction == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)))
        {
            var sources = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
            {
                Assert.True(Path.Exists(Path.Combine(RepositoryPaths.Root, source)), $"COPY {source}: not in the repository");
                Assert.DoesNotContain(source.TrimEnd('/'), ignored);
            }
        }
    }

    private static IEnumerable<(string Instruction, string Arguments)> Runtime() =>
        Instructions.SkipWhile(i => !(i.Instruction == "FROM" && i.Arguments.EndsWith("AS runtime", StringComparison.Ordinal)));

    private static List<string> Arguments(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments).ToList();

    /// <summary>Instructions with their arguments, continuation lines joined and comments dropped.</summary>
    private static List<(string, string)> Parse(string dockerfile)
    {
        var lines = dockerfile.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        var joined = Regex.Split(string.Join("\n", lines).Replace("\\\n", " "), "\n");
        return joined.Select(l => Regex.Match(l, @"^(\w+)\s+(.*)$")).Select(m => (m.Groups[1].Value.ToUpperInvariant(), Regex.Replace(m.Groups[2].Value, @"\s+", " "))).ToList();
    }
}
