using Foreman.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Foreman.Api;

/// <summary>
/// Answers any request that failed because the disk (or the database's) is full with 507 Insufficient Storage and
/// <c>Retry-After</c>: the client's request was fine and will work once space returns, unlike a 400 or a 500.
/// </summary>
internal sealed class StorageFullHandler(ILogger<StorageFullHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFull.Is(exception)) return false;
        Log.StorageFull(logger, $"{context.Request.Method} {context.Request.Path}: {exception.Message}");
        await Problems.InsufficientStorage(context, "the server's storage is full, so the request could not be stored").ExecuteAsync(context);
        return true;
    }
}
