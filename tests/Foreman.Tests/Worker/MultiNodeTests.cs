using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Foreman.Tests.Support;
using Npgsql;

namespace Foreman.Tests.Worker;

/// <summary>
/// Three <c>foreman serve</c> nodes, one worker each, on one PostgreSQL database: every job runs exactly once, nodes
/// keep to their resident model, and a node killed mid-job loses nothing.
/// </summary>
public partial class MultiNodeTests(PostgresCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Models = ["tiny-a", "tiny-b", "tiny-c"];
    private const int ShortJobs = 90;

    [GeneratedRegex(@"claimed for model (\S+),")]
    private static partial Regex Claimed();

    [Fact]
    public async Task ThreeNodes_NodeKilledMidJob_EveryJobDoneExactlyOnceAndNodesKeepTheirModel()
    {
        using var database = cluster.CreateDatabase();
        using var root = new TempDirectory();
        var modelsDir = CopyModels(root);
        var uploads = Directory.CreateDirectory(Path.Combine(root.Path, "uploads")).FullName;
        var nodes = await Task.WhenAll(Models.Select((model, i) => ForemanProcess.StartAsync(new Dictionary<string, string>
        {
            ["Foreman__Database"] = "postgres",
            ["Foreman__Postgres__ConnectionString"] = database.ConnectionString,
            ["Foreman__SharedUploadsDir"] = uploads,
            ["Foreman__DataDir"] = Path.Combine(root.Path, $"node-{i}"),
            ["Foreman__ModelsDir"] = modelsDir,
            ["Foreman__DefaultModel"] = model, // each node starts with its own model resident
            ["Foreman__Queue__LeaseDuration"] = "00:00:03",
            ["Foreman__Queue__HeartbeatInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Foreman.Worker.AlignmentWorker"] = "Information",
        }, Ct)));
        var passed = false;
        try
        {
            await WaitForAsync(async () => (await ResidentModelsAsync(nodes[0])).SetEquals(Models), TimeSpan.FromSeconds(60));

            var clock = System.Diagnostics.Stopwatch.StartNew();
            // Short jobs, models interleaved, sent to every node by many clients at once (a backlog, as drain-by-model expects);
            // halfway, one long job, so the kill lands mid-job: a watcher kills whichever node is working on it.
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            var ids = new List<string>(await SubmitManyAsync(nodes, 0, ShortJobs / 2));
            var longJob = await SubmitAsync(nodes, ShortJobs, TestAudio.ToneWav(seconds: 30), Models[2]);
            ids.Add(longJob);
            var kill = KillWhoeverRunsAsync(longJob, nodes, connection);
            ids.AddRange(await SubmitManyAsync(nodes, ShortJobs / 2, ShortJobs));
            var submitted = clock.Elapsed;
            var (victim, owner) = await kill;

            await WaitForAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE state = 'done'") == ids.Count,
                TimeSpan.FromSeconds(90));

            var doneEvents = (await connection.QueryAsync<(string JobId, long Count)>(
                "SELECT job_id, COUNT(*) FROM job_events WHERE state = 'done' GROUP BY job_id")).ToDictionary(r => r.JobId, r => r.Count);
            Assert.Equal(ids.Order(StringComparer.Ordinal), doneEvents.Keys.Order(StringComparer.Ordinal));
            Assert.All(doneEvents.Values, count => Assert.Equal(1, count));
            var rescues = await connection.QueryAsync<string>("SELECT job_id FROM job_events WHERE error = @error",
                new { error = $"worker {owner} stopped during attempt 1" });
            Assert.Equal([longJob], rescues); // the victim's job, and only it, was taken back after its lease ran out

            TestContext.Current.TestOutputHelper!.WriteLine($"{ids.Count} jobs submitted in {submitted.TotalSeconds:F1} s, all done after {clock.Elapsed.TotalSeconds:F1} s");
            var swaps = 0;
            for (var i = 0; i < nodes.Length; i++)
            {
                var claims = Claimed().Matches(nodes[i].Log).Select(m => m.Groups[1].Value).ToList();
                var nodeSwaps = claims.Where((model, k) => model != (k == 0 ? Models[i] : claims[k - 1])).Count();
                swaps += nodeSwaps;
                TestContext.Current.TestOutputHelper!.WriteLine(
                    $"node {i}{(nodes[i] == victim ? " (killed)" : "")}: {claims.Count} jobs ({string.Join(", ", claims.CountBy(m => m).Select(c => $"{c.Key} {c.Value}"))}), {nodeSwaps} model swap(s)");
            }
            // A scheduler blind to residency would swap on most of the interleaved jobs; drain-by-model swaps only when a node
            // runs dry of its own model's jobs (typically once per survivor, to take over the killed node's model).
            Assert.InRange(swaps, 0, 9);
            passed = true;
        }
        finally
        {
            if (!passed)
                foreach (var node in nodes) TestContext.Current.TestOutputHelper!.WriteLine($"--- node {node.ProcessId}:\n{node.Log[^Math.Min(node.Log.Length, 4000)..]}");
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="jobId"/> is working, then kills its node with SIGKILL.</summary>
    private static async Task<(ForemanProcess Victim, string Owner)> KillWhoeverRunsAsync(string jobId, ForemanProcess[] nodes, NpgsqlConnection connection)
    {
        string? owner = null;
        await WaitForAsync(async () =>
        {
            owner = await connection.ExecuteScalarAsync<string?>("SELECT lease_owner FROM jobs WHERE id = @jobId AND state = 'working'", new { jobId });
            return owner is not null;
        }, TimeSpan.FromSeconds(60));
        var pid = owner!.Split('/')[1]; // WorkerIdentity: machine/pid/ulid
        var victim = nodes.Single(n => n.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) == pid);
        victim.KillHard();
        return (victim, owner);
    }

    /// <summary>Three copies of the bundled model under different names.</summary>
    private static string CopyModels(TempDirectory root)
    {
        var modelsDir = Path.Combine(root.Path, "models");
        var bundled = Path.Combine(RepositoryPaths.ModelsDir, "foreman-tiny-en");
        foreach (var name in Models)
        {
            var folder = Directory.CreateDirectory(Path.Combine(modelsDir, name)).FullName;
            foreach (var file in Directory.GetFiles(bundled)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return modelsDir;
    }

    private static async Task<HashSet<string?>> ResidentModelsAsync(ForemanProcess node)
    {
        var body = await node.Client.GetFromJsonAsync<JsonElement>("/api/v1/nodes", Ct);
        return body.GetProperty("nodes").EnumerateArray().Select(n => n.TryGetProperty("resident_model", out var m) ? m.GetString() : null).ToHashSet();
    }

    /// <summary>Short jobs <paramref name="from"/> to <paramref name="to"/> (exclusive), models interleaved, from many clients at once.</summary>
    private static async Task<string[]> SubmitManyAsync(ForemanProcess[] nodes, int from, int to)
    {
        // Long enough that the nodes fall behind the clients (each submit runs ffprobe) and a backlog forms early; with
        // shorter jobs idle nodes take the jobs one by one as they trickle in, whatever their model.
        var audio = TestAudio.ToneWav(seconds: 10);
        var ids = new string[to - from];
        await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = Ct },
            async (n, _) => ids[n - from] = await SubmitAsync(nodes, n, audio, Models[n % 3]));
        return ids;
    }

    /// <summary>
    /// Submits job <paramref name="n"/> to a node, round robin. When that node is gone (killed under the request), the same
    /// submit goes to the next one under the same idempotency key, as a client behind a load balancer would retry.
    /// </summary>
    private static async Task<string> SubmitAsync(ForemanProcess[] nodes, int n, byte[] audio, string model)
    {
        for (var attempt = 0; ; attempt++)
        {
            var node = nodes[(n / 3 + attempt) % nodes.Length];
            if (node.HasExited) continue;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(audio, "la", model) };
            request.Headers.Add("Idempotency-Key", $"job-{n}");
            try
            {
                using var response = await node.Client.SendAsync(request, Ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
            }
            catch (HttpRequestException) when (attempt < nodes.Length)
            {
            }
        }
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) => Eventually.TrueAsync(condition, "the nodes", Ct, timeout);
}
