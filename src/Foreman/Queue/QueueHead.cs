namespace Foreman.Queue;

/// <summary>The oldest eligible queued job of one model: what the scheduler chooses among.</summary>
/// <param name="CreatedAt">Unix milliseconds; the job's place in line.</param>
public sealed record QueueHead(string JobId, string Model, long CreatedAt);
