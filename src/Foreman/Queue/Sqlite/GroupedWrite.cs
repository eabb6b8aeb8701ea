using System.Runtime.ExceptionServices;

namespace Foreman.Queue;

/// <summary>One caller's work in a group commit of <see cref="SqliteDatabase.Write"/>: run by the group's leader, settled for its caller.</summary>
internal abstract class GroupedWrite
{
    private ExceptionDispatchInfo? _failure;
    private bool _committed;

    /// <summary>The leader is done with it: committed, or failed. Read and set under the database's gate.</summary>
    public bool Settled { get; private set; }

    public abstract void Run(IQueueWrite write);

    /// <summary>Its work did not commit: thrown in its caller, with the stack where it was thrown.</summary>
    public void Fail(Exception error) => _failure ??= ExceptionDispatchInfo.Capture(error);

    /// <summary>Its work committed.</summary>
    public void Commit() => _committed = true;

    /// <summary>Committed or failed: what its caller gets is decided.</summary>
    public bool Decided => _committed || _failure is not null;

    public void Settle() => Settled = true;

    protected void ThrowIfFailed() => _failure?.Throw();
}

internal sealed class GroupedWrite<T>(Func<IQueueWrite, T> work) : GroupedWrite
{
    private T? _result;

    public override void Run(IQueueWrite write) => _result = work(write);

    /// <summary>What the work returned, or its failure (or the transaction's) thrown again.</summary>
    public T Result()
    {
        ThrowIfFailed();
        return _result!;
    }
}
