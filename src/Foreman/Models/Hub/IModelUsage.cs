namespace Foreman.Models.Hub;

/// <summary>
/// The jobs that use a model, so pulls and removals leave alone a model that jobs wait for or run on. The queue
/// implements it (<c>Api/QueueModelUsage</c>); Models does not know the queue.
/// </summary>
public interface IModelUsage
{
    ModelJobs JobsOf(string model);
}

/// <summary>Jobs of one model: waiting in the queue, and loading or working now.</summary>
public readonly record struct ModelJobs(long Queued, long Running);
