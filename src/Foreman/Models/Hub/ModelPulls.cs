namespace Foreman.Models.Hub;

/// <summary>The server's pull: what it is pulling into which name, how far it is, and how it ended.</summary>
public sealed record PullStatus(
    string Model,
    string Source,
    string Variant,
    PullState State,
    long BytesDone,
    long? BytesTotal,
    string? File,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool Running => State is PullState.Pulling or PullState.Verifying;
}

/// <summary>
/// Runs the server's pulls in the background, one at a time, on the thread pool (never on the inference worker), and
/// keeps the status of the current or last one for <c>GET /api/v1/models</c>. A model replaced while resident is
/// reloaded by the next job that needs it.
/// </summary>
public sealed class ModelPulls(ModelPuller puller, ModelResidency residency, TimeProvider time) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _task = Task.CompletedTask;
    private PullStatus? _status;

    /// <summary>The current pull, or the last one; null when none ran since the server started.</summary>
    public PullStatus? Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Completes when the current pull has ended, either way (tests wait on it).</summary>
    internal Task Completion
    {
        get { lock (_gate) return _task; }
    }

    /// <summary>Starts a pull unless one is running.</summary>
    /// <exception cref="ModelPullException">Refused at once (<see cref="PullFailure.Refused"/>): one is running, or the name is taken or in use.</exception>
    public PullStatus Start(PullRequest request)
    {
        lock (_gate)
        {
            if (_status is { Running: true } running)
                throw new ModelPullException(PullFailure.Refused, $"a pull of {running.Source} into '{running.Model}' is running; one at a time");
            puller.CheckAllowed(request);
            _status = new PullStatus(request.LocalName, request.Source.ToString(), request.Variant, PullState.Pulling, 0, null, null, null, time.GetUtcNow(), null);
            _task = Task.Run(() => RunAsync(request, _stopping.Token));
            return _status;
        }
    }

    private async Task RunAsync(PullRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await puller.PullAsync(request, p => Update(s => s with { State = p.State, BytesDone = p.BytesDone, BytesTotal = p.BytesTotal, File = p.File }),
                cancellationToken);
            residency.Invalidate(request.LocalName);
            Update(s => s with { State = PullState.Ready, File = null, FinishedAt = time.GetUtcNow() });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Update(s => s with { State = PullState.Failed, Error = "the server stopped during the pull; pull again to resume", FinishedAt = time.GetUtcNow() });
        }
        catch (Exception e)
        {
            // The puller logged it; the status carries it to the API.
            Update(s => s with { State = PullState.Failed, Error = e.Message, FinishedAt = time.GetUtcNow() });
        }
    }

    private void Update(Func<PullStatus, PullStatus> change)
    {
        lock (_gate) _status = change(_status!);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Completion;
        _stopping.Dispose();
    }
}
