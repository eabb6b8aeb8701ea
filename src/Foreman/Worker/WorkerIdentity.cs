namespace Foreman.Worker;

/// <summary>
/// Names this process's worker in job leases. Unique per process start, so after a crash the new process can tell
/// the dead one's leases from its own.
/// </summary>
public sealed class WorkerIdentity
{
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Ulid.NewUlid()}";
}
