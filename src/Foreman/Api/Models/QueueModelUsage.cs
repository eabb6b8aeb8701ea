using Foreman.Models.Hub;
using Foreman.Queue;

namespace Foreman.Api;

/// <summary>A model's jobs, counted in the queue: what model pulls and removals check before touching a model.</summary>
internal sealed class QueueModelUsage(IJobStore store) : IModelUsage
{
    public ModelJobs JobsOf(string model) => new(
        store.CountQueued(model),
        store.List(JobState.Loading, model, after: null, limit: 1).Count + store.List(JobState.Working, model, after: null, limit: 1).Count);
}
