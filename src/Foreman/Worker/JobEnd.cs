namespace Foreman.Worker;

/// <summary>How the worker's run of one claimed job ended, which decides what happens after it.</summary>
internal enum JobEnd
{
    /// <summary>Stored as done: waiters are told, and the upload is no longer needed.</summary>
    Done,

    /// <summary>Stored as failed: waiters are told; the upload stays for an operator's retry.</summary>
    Failed,

    /// <summary>Back in the queue for a later attempt.</summary>
    Retried,

    /// <summary>Handed back untouched at shutdown.</summary>
    Released,

    /// <summary>The lease went to another worker: the outcome is theirs.</summary>
    Lost,
}
