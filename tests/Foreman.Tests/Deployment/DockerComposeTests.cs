using System.Text.RegularExpressions;
using Foreman.Tests.Support;

namespace Foreman.Tests.Deployment;

/// <summary>
/// No Docker engine runs where the tests run, so docker-compose.yml's key properties are checked on its text, against
/// the Dockerfile it builds: volumes for data and models, limits, the readiness check, and the GPU profile.
/// </summary>
public class DockerComposeTests
{
    private static readonly Dictionary<string, object?> Compose =
        (Dictionary<string, object?>)ComposeYaml.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")))!;

    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    private static readonly string[] ServerNames = ["foreman", "foreman-gpu"];

    public static TheoryData<string> Servers => new(ServerNames);

    [Theory]
    [MemberData(nameof(Servers))]
    public void Server_KeepsDataAndModelsInVolumes(string name)
    {
        var server = Service(name);
        var environment = Map(server, "environment");
        Assert.Equal("/data", environment["Foreman__DataDir"]);
        Assert.Equal("/models", environment["Foreman__ModelsDir"]);
        var mounts = List(server, "volumes").Cast<string>().ToList();
        Assert.Contains(mounts, m => m.EndsWith(":/data", StringComparison.Ordinal));
        Assert.Contains("foreman-models:/models", mounts);
        var declared = Map(Compose, "volumes").Keys;
        Assert.All(mounts, m => Assert.Contains(m.Split(':')[0], declared));
        Assert.Equal("8080:8080", Regex.Replace(Assert.Single(List(server, "ports")) as string ?? "", @"\$\{FOREMAN_PORT:-(\d+)\}", "$1"));
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", Dockerfile);
    }

    [Fact]
    public void Servers_NeverShareADataVolume()
    {
        var data = ServerNames.Select(s => List(Service(s), "volumes").Cast<string>().Single(m => m.EndsWith(":/data", StringComparison.Ordinal))).ToList();
        Assert.Equal(data.Count, data.Distinct().Count());
    }

    [Fact]
    public void ModelsVolume_IsSeededWithTheBundledModelForTheImageUser()
    {
        var init = Service("models-init");
        var command = string.Join(" ", List(init, "entrypoint").Cast<string>());
        Assert.Contains("cp -rn /app/models/. /models/", command); // the bundled model, never over a model already there
        var uid = Regex.Match(Dockerfile, @"ARG APP_UID=(\d+)").Groups[1].Value;
        Assert.Contains($"chown -R {uid} /models", command);
        Assert.Equal("0", init["user"]);
        Assert.Contains("foreman-models:/models", List(init, "volumes").Cast<string>());
        foreach (var name in ServerNames)
            Assert.Equal("service_completed_successfully", Map(Map(Service(name), "depends_on"), "models-init")["condition"]);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Server_HasMemoryAndCpuLimits(string name)
    {
        var limits = Map(Map(Map(Service(name), "deploy"), "resources"), "limits");
        Assert.Matches(@"^(\$\{FOREMAN_CPUS:-)?\d+(\.\d+)?\}?$", limits["cpus"] as string);
        Assert.Matches(@"^(\$\{FOREMAN_MEMORY:-)?\d+[mg]\}?$", limits["memory"] as string);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Server_ChecksReadinessLikeTheImage(string name)
    {
        var check = Map(Service(name), "healthcheck");
        var test = List(check, "test").Cast<string>().ToList();
        Assert.Equal(["CMD", "curl", "-fsS", "http://127.0.0.1:8080/health/ready"], test);
        Assert.Contains("CMD curl -fsS http://127.0.0.1:8080/health/ready", Dockerfile);
        Assert.Equal("120s", check["start_period"]);
    }

    [Fact]
    public void CpuServer_RunsWithoutAProfile()
    {
        var server = Service("foreman");
        Assert.False(server.ContainsKey("profiles"));
        Assert.Equal(".", server["build"]);
        Assert.Equal("cpu", Map(server, "environment")["Foreman__Inference__Device"]);
    }

    [Fact]
    public void GpuServer_IsAProfileThatBuildsTheCudaImageAndRequestsAnNvidiaDevice()
    {
        var server = Service("foreman-gpu");
        Assert.Equal(["gpu"], List(server, "profiles"));
        var args = Map(Map(server, "build"), "args");
        Assert.Equal("true", args["FOREMAN_GPU"]);
        // A build argument the Dockerfile does not declare is ignored with only a warning.
        foreach (var name in args.Keys) Assert.Contains($"ARG {name}=", Dockerfile);
        // ONNX Runtime 1.31's CUDA provider links CUDA 13 (libcublasLt.so.13, libcudart.so.13) and opens cuDNN 9.
        Assert.Matches(@"^nvidia/cuda:13\.[\d.]+-cudnn-runtime-", args["RUNTIME_IMAGE"] as string);
        Assert.Equal("cuda", Map(server, "environment")["Foreman__Inference__Device"]);
        var reservations = Map(Map(Map(server, "deploy"), "resources"), "reservations");
        var device = Assert.IsType<Dictionary<string, object?>>(Assert.Single(List(reservations, "devices")));
        Assert.Equal("nvidia", device["driver"]);
        Assert.Equal(["gpu"], device["capabilities"] as List<object?>);
    }

    private static Dictionary<string, object?> Service(string name) => Map(Map(Compose, "services"), name);

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key) =>
        Assert.IsType<Dictionary<string, object?>>(Entry(parent, key));

    private static List<object?> List(Dictionary<string, object?> parent, string key) => Assert.IsType<List<object?>>(Entry(parent, key));

    private static object? Entry(Dictionary<string, object?> parent, string key)
    {
        Assert.True(parent.TryGetValue(key, out var value), $"docker-compose.yml: no '{key}' among {string.Join(", ", parent.Keys)}");
        return value;
    }
}
