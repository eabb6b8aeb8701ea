using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Foreman.Queue;
using Foreman.Tests.Support;

namespace Foreman.Tests.Api;

/// <summary>Bounded load on real Kestrel at a loopback port, with the probe model so inference takes no time.</summary>
public class SubmitLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const int Submits = 1_000;
    private const int Clients = 50;
    private const int SyncWaiters = 20;

    [Fact]
    public async Task Submit_ThousandFromFiftyClientsAndSyncWaiters_EveryAcceptedJobCompletesOnce()
    {
        await using var app = await ProbeApplication.StartAsync(runWorker: true, kestrel: true,
            settings: new Dictionary<string, string?> { ["Foreman:MaxQueued"] = "40" }); // low enough that bursts meet deliberate 503s
        var clock = Stopwatch.StartNew();
        var audio = TestAudio.ToneWav(seconds: 0.2);
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var idsByKey = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var next = -1;

        async Task<HttpStatusCode> SubmitAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = Submit.Form(audio, "la la\nlo lo") };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await app.Client.SendAsync(request, Ct);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.Accepted)
                idsByKey.GetOrAdd(key, _ => []).Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!);
            else Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            return response.StatusCode;
        }

        var clients = Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n < Submits)
            {
                // A well-behaved client retries a 503 with the same key (sooner than Retry-After says, to keep the test short).
                while (await SubmitAsync($"load-{n}") == HttpStatusCode.ServiceUnavailable) await Task.Delay(20, Ct);
                if (n % 10 == 0) await SubmitAsync($"load-{n}"); // a retry after success: the same key must not make a second job
            }
        });
        var waiters = Enumerable.Range(0, SyncWaiters).Select(async i =>
        {
            using var response = await app.Client.PostAsync("/api/v1/align", Submit.Form(audio, $"sync {i}", format: "lrc"), Ct);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Contains($"sync {i}", await response.Content.ReadAsStringAsync(Ct));
            }
        });
        await Task.WhenAll(clients.Concat(waiters));

        // Every accepted job reaches done; poll the store (real time: the worker runs on its own).
        while (app.Store.CountByState() is var counts && counts[JobState.Done] + counts[JobState.Failed] < counts.Values.Sum())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"jobs still unfinished: {string.Join(", ", counts)}");
            await Task.Delay(50, Ct);
        }

        Assert.DoesNotContain(statuses.Keys, s => (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable);
        Assert.All(idsByKey.Values, ids => Assert.Single(ids.Distinct()));
        var final = app.Store.CountByState();
        Assert.Equal(0, final[JobState.Failed]);
        var accepted = idsByKey.Values.Select(ids => ids.First()).ToHashSet();
        Assert.Equal(Submits, accepted.Count);
        var syncAccepted = statuses.GetValueOrDefault(HttpStatusCode.OK);
        Assert.Equal(accepted.Count + syncAccepted, final[JobState.Done]);
        Assert.All(accepted, id => Assert.Equal(JobState.Done, app.Store.Get(id)!.JobState));
        Assert.Equal(1, app.Loader.MaxConcurrent);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"load: {accepted.Count} async + {syncAccepted} sync jobs done in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses)}");
    }
}
