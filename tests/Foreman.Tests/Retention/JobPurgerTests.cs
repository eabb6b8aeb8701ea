using System.Net;
using Dapper;
using Foreman.Alignment;
using Foreman.Queue;
using Foreman.Retention;
using Foreman.Tests.Support;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Retention;

/// <summary>Retention through the real host on a real SQLite file, its clock faked: what is deleted, when, and what never is.</summary>
public sealed class JobPurgerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Retention in seconds. The purger's own passes wait a day of the fake clock, so tests that call
    /// <see cref="JobPurger.PurgeAsync"/> themselves see every deletion their call made.</summary>
    private static Dictionary<string, string?> Retention(string done = "00:00:10", string failed = "00:00:20", string cancelled = "00:00:10",
        string interval = "1.00:00:00") => new()
    {
        ["Foreman:Retention:Done"] = done,
        ["Foreman:Retention:Failed"] = failed,
        ["Foreman:Retention:Cancelled"] = cancelled,
        ["Foreman:Retention:Interval"] = interval,
    };

    private static string Upload(ProbeApplication app, string id) => Path.Combine(app.UploadsDir, id + ".audio");

    private static long EventsOf(ProbeApplication app, string id)
    {
        using var connection = app.Get<IQueueDatabase>().Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM job_events WHERE job_id = @id", new { id });
    }

    private static async Task CancelAsync(ProbeApplication app, string id)
    {
        using var response = await app.Client.DeleteAsync($"/api/v1/jobs/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertGoneAsync(ProbeApplication app, string id)
    {
        using var response = await app.Client.GetAsync($"/api/v1/jobs/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, EventsOf(app, id));
        Assert.False(File.Exists(Upload(app, id)), $"the upload of purged job {id} is still there");
    }

    [Fact]
    public async Task Purge_FinishedJobsPastTheirStatesRetention_DeletesRowHistoryAndUpload()
    {
        var loader = new ProbeModelLoader { FailOn = n => n == 2 ? new AlignmentInputException("no sung text") : null };
        await using var app = await ProbeApplication.StartAsync(settings: Retention(), loader: loader);
        var done = await app.SubmitAsync();
        var failed = await app.SubmitAsync();
        Assert.Equal(2, await app.DrainAsync());
        var cancelled = await app.SubmitAsync();
        await CancelAsync(app, cancelled);
        Assert.True(File.Exists(Upload(app, failed)) && File.Exists(Upload(app, cancelled)));
        var purger = app.Get<JobPurger>();

        app.Time!.Advance(TimeSpan.FromSeconds(9));
        Assert.All((await purger.PurgeAsync(Ct)).Values, count => Assert.Equal(0, count));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var purged = await purger.PurgeAsync(Ct);

        Assert.Equal(1, purged[JobState.Done]);
        Assert.Equal(1, purged[JobState.Cancelled]);
        Assert.Equal(0, purged[JobState.Failed]);
        await AssertGoneAsync(app, done);
        await AssertGoneAsync(app, cancelled);
        Assert.Equal(JobState.Failed, app.Store.Get(failed)!.JobState);
        Assert.True(File.Exists(Upload(app, failed)), "a failed job keeps its upload for a retry until its own retention passes");

        app.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await purger.PurgeAsync(Ct))[JobState.Failed]);
        await AssertGoneAsync(app, failed);

        var metrics = await app.Client.GetStringAsync("/metrics", Ct);
        foreach (var state in new[] { "done", "failed", "cancelled" })
            Assert.Contains($"foreman_jobs_purged_total{{state=\"{state}\"}} 1\n", metrics);
    }

    [Fact]
    public async Task Purge_QueuedAndRunningJobs_AreNeverPurged()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Retention());
        var queued = await app.SubmitAsync();
        var running = await app.SubmitAsync();
        Assert.NotNull(app.Store.TryClaim(running, JobState.Working, "another-node", TimeSpan.FromDays(10_000)));

        app.Time!.Advance(TimeSpan.FromDays(3650));
        await app.Get<JobPurger>().PurgeAsync(Ct);

        Assert.Equal(JobState.Queued, app.Store.Get(queued)!.JobState);
        Assert.Equal(JobState.Working, app.Store.Get(running)!.JobState);
        Assert.True(File.Exists(Upload(app, queued)) && File.Exists(Upload(app, running)));
    }

    [Fact]
    public async Task Purge_RetentionZero_KeepsFinishedJobsForever()
    {
        var loader = new ProbeModelLoader { FailOn = n => n == 2 ? new AlignmentInputException("no sung text") : null };
        await using var app = await ProbeApplication.StartAsync(settings: Retention(done: "0", failed: "00:00:00", cancelled: "0"), loader: loader);
        var done = await app.SubmitAsync();
        var failed = await app.SubmitAsync();
        await app.DrainAsync();
        var cancelled = await app.SubmitAsync();
        await CancelAsync(app, cancelled);
        Assert.Null(app.Get<IOptions<RetentionOptions>>().Value.KeepFor(JobState.Failed));

        // A day, not years: the fake clock fires the input stage's poll timer once per interval it crosses.
        app.Time!.Advance(TimeSpan.FromDays(1));
        await app.Get<JobPurger>().PurgeAsync(Ct);

        Assert.Equal(JobState.Done, app.Store.Get(done)!.JobState);
        Assert.Equal(JobState.Failed, app.Store.Get(failed)!.JobState);
        Assert.Equal(JobState.Cancelled, app.Store.Get(cancelled)!.JobState);
        Assert.True(File.Exists(Upload(app, cancelled)));
    }

    [Fact]
    public async Task Purger_OnItsSchedule_DeletesAJobOnceItsRetentionPassed()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Retention(interval: "00:00:01"));
        var cancelled = await app.SubmitAsync();
        await CancelAsync(app, cancelled);

        // Passes run every second of the fake clock; none may take the job before its 10 s are up.
        for (var second = 1; second <= 9; second++)
        {
            app.Time!.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, Ct);
            Assert.NotNull(app.Store.Get(cancelled));
        }
        var advanced = 9;
        await Eventually.TrueAsync(() =>
        {
            app.Time!.Advance(TimeSpan.FromSeconds(1));
            advanced++;
            return Task.FromResult(app.Store.Get(cancelled) is null);
        }, "the purger to delete the cancelled job", Ct);

        Assert.InRange(advanced, 11, 60);
        await AssertGoneAsync(app, cancelled);
    }

    [Fact]
    public async Task Purge_ManyBatches_DeletesThemAll()
    {
        var settings = Retention();
        settings["Foreman:Retention:BatchSize"] = "2";
        settings["Foreman:Retention:BatchPause"] = "0";
        await using var app = await ProbeApplication.StartAsync(settings: settings);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await app.SubmitAsync());
            await CancelAsync(app, ids[^1]);
        }

        app.Time!.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(7, (await app.Get<JobPurger>().PurgeAsync(Ct))[JobState.Cancelled]);
        foreach (var id in ids) await AssertGoneAsync(app, id);
    }

    [Fact]
    public async Task Purge_CyclesOfSubmitFinishAndPurge_TheDatabaseFileStopsGrowing()
    {
        await using var app = await ProbeApplication.StartAsync(settings: Retention());
        var database = app.Get<SqliteDatabase>();
        var purger = app.Get<JobPurger>();
        // 300 lines of lyrics, and a result with as many lines: each job holds tens of kilobytes.
        var lyrics = string.Join("\n", Enumerable.Range(0, 300).Select(i => $"line {i} of a long song that keeps going on and on"));
        async Task<long> FileSizeAsync()
        {
            // A checkpoint that meets another one (the writer's, run ahead of it) or a reader of an older snapshot
            // stops short, and the freed pages stay in the WAL with the file at its old size: checkpoint until one completes.
            await Eventually.TrueAsync(() =>
            {
                using var connection = database.Open();
                return Task.FromResult(connection.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)").Busy == 0);
            }, "a checkpoint that completes", Ct);
            return new FileInfo(database.Path).Length;
        }

        var sizes = new List<long>();
        for (var cycle = 0; cycle < 8; cycle++)
        {
            for (var i = 0; i < 6; i++)
            {
                var id = await app.SubmitAsync(lyrics: lyrics);
                if (i % 2 == 1) await CancelAsync(app, id);
            }
            await app.DrainAsync();
            var beforePurge = await FileSizeAsync();
            app.Time!.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal(6, (await purger.PurgeAsync(Ct)).Values.Sum());
            sizes.Add(await FileSizeAsync());
            Assert.True(beforePurge - sizes[^1] > 200_000, $"cycle {cycle}: {beforePurge} bytes before the purge, {sizes[^1]} after");
        }

        Assert.True(sizes[2..].Max() <= sizes[1] + 16 * 4096, $"the file kept growing: {string.Join(", ", sizes)}");
        Assert.Empty(Directory.GetFiles(app.UploadsDir));
    }

    [Fact]
    public async Task Start_NegativeRetention_IsRefused()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ProbeApplication.StartAsync(settings: Retention(failed: "-1.00:00:00")));
        Assert.Contains("Failed", error.Message);
    }
}

/// <summary>Retention through the real host on PostgreSQL, with the uploads in the shared directory.</summary>
public sealed class PostgresJobPurgerTests(PostgresCluster cluster) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly PostgresTestDatabase _database = cluster.CreateDatabase();
    private readonly TempDirectory _sharedUploads = new();

    public void Dispose()
    {
        _sharedUploads.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Purge_Postgres_DeletesFinishedJobsAndTheirSharedUploads()
    {
        await using var app = await ProbeApplication.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Foreman:Database"] = "postgres",
            ["Foreman:Postgres:ConnectionString"] = _database.ConnectionString,
            ["Foreman:SharedUploadsDir"] = _sharedUploads.Path,
            ["Foreman:Retention:Done"] = "00:00:10",
            ["Foreman:Retention:Cancelled"] = "00:00:10",
        });
        Assert.IsType<PostgresJobPurge>(app.Get<JobPurge>());
        var done = await app.SubmitAsync();
        await app.DrainAsync();
        var cancelled = await app.SubmitAsync();
        using (var response = await app.Client.DeleteAsync($"/api/v1/jobs/{cancelled}", Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queued = await app.SubmitAsync();
        Assert.Equal(2, Directory.GetFiles(_sharedUploads.Path).Length);

        app.Time!.Advance(TimeSpan.FromSeconds(11));
        var purged = await app.Get<JobPurger>().PurgeAsync(Ct);

        Assert.Equal(1, purged[JobState.Done]);
        Assert.Equal(1, purged[JobState.Cancelled]);
        Assert.Null(app.Store.Get(done));
        Assert.Null(app.Store.Get(cancelled));
        Assert.Empty(app.Store.Events(cancelled));
        Assert.Equal(JobState.Queued, app.Store.Get(queued)!.JobState);
        Assert.Equal([Path.Combine(_sharedUploads.Path, queued + ".audio")], Directory.GetFiles(_sharedUploads.Path));
    }
}
