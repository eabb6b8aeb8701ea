using Microsoft.Data.Sqlite;

namespace Foreman.Queue;

/// <summary>
/// Copies the WAL's committed pages into the database file ahead of the writer, on a connection of its own while writes
/// go on (<c>PRAGMA wal_checkpoint(PASSIVE)</c>). A checkpoint fsyncs the WAL, then the file: left to the writer's
/// autocheckpoint alone, every write waits for both, with up to 16 MB of WAL to flush. Checkpointed ahead, the
/// writer's own checkpoint (still at <c>wal_autocheckpoint</c> pages, which bounds the WAL and starts it over) finds
/// little left to copy or flush. Durability is unchanged: a commit is in the WAL before it returns, fsynced at checkpoints.
/// </summary>
internal sealed class WalCheckpointer(Func<SqliteConnection> open)
{
    /// <summary>Commits between checkpoints: a few hundred to a few thousand pages, well under the autocheckpoint's 4,000.</summary>
    private const int CommitsPerCheckpoint = 100;

    private int _commits;
    private Task _running = Task.CompletedTask;

    /// <summary>Called by the writer after each commit (one writer at a time): starts a checkpoint when one is due and none runs.</summary>
    public void Committed()
    {
        if (++_commits < CommitsPerCheckpoint || !_running.IsCompleted) return;
        _commits = 0;
        _running = Task.Run(Checkpoint);
    }

    /// <summary>Waits for a checkpoint in progress, so the file can be closed.</summary>
    public void Wait() => _running.Wait();

    private void Checkpoint()
    {
        try
        {
            using var connection = open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A checkpoint that fails (a full disk) leaves the pages in the WAL, committed: the next one, or the
            // writer's own autocheckpoint, copies them.
        }
    }
}
