using Foreman.Worker;

namespace Foreman.Bench;

/// <summary>
/// What a pipeline run shows: songs per minute over the run's wall time, and the worker's busy time by phase (the
/// growth of <c>foreman_worker_busy_seconds_total</c> between a scrape before the first submit and one after the last
/// song finished).
/// </summary>
public sealed record PipelineFigures(int Songs, TimeSpan Wall, IReadOnlyDictionary<string, double> BusySeconds)
{
    public const string BusyMetric = "foreman_worker_busy_seconds_total";

    public static PipelineFigures From(MetricsScrape before, MetricsScrape after, int songs, TimeSpan wall) =>
        new(songs, wall, WorkerPhase.All.ToDictionary(phase => phase, phase => after.Value(BusyMetric, ("phase", phase)) - before.Value(BusyMetric, ("phase", phase))));

    public double SongsPerMinute => Wall > TimeSpan.Zero ? Songs / Wall.TotalMinutes : 0;

    public double Busy => BusySeconds.Values.Sum();

    /// <summary>The part of the busy time spent in <paramref name="phase"/> (0 when the worker was never busy).</summary>
    public double Share(string phase) => Busy > 0 ? BusySeconds.GetValueOrDefault(phase) / Busy : 0;

    /// <summary>The goal: with a backlog, the worker waits on nothing but inference.</summary>
    public double InferenceShare => Share(WorkerPhase.Inference);

    /// <summary>Busy time the worker spent waiting for audio: decoding it itself, or waiting for the prefetch's.</summary>
    public double InputWait => BusySeconds.GetValueOrDefault(WorkerPhase.Decode) + BusySeconds.GetValueOrDefault(WorkerPhase.InputWait);

    /// <summary>Wall time the worker had no job while songs were unfinished: none submitted yet, or their audio_url not fetched yet.</summary>
    public double Idle => Math.Max(0, Wall.TotalSeconds - Busy);

    /// <summary>The part of the wall time the worker was busy.</summary>
    public double Utilisation => Wall > TimeSpan.Zero ? Math.Min(1, Busy / Wall.TotalSeconds) : 0;
}
