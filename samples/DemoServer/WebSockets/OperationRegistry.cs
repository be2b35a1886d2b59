using System.Collections.Concurrent;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// The operations running on one connection, by id. An id is free again as soon as its
/// operation is released or cancelled, before the client hears that the operation ended.
/// </summary>
internal sealed class OperationRegistry
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, RunningOperation> _active =
        new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Starts an operation on the thread pool unless its id is already in use.</summary>
    /// <param name="id">The client's id for the operation.</param>
    /// <param name="runAsync">Runs the operation; it must not throw.</param>
    /// <param name="connectionToken">Ends the operation when the connection ends.</param>
    /// <returns>False when an operation with this id is still running.</returns>
    public bool TryStart(
        string id,
        Func<RunningOperation, Task> runAsync,
        CancellationToken connectionToken)
    {
        var operation = new RunningOperation(
            id,
            CancellationTokenSource.CreateLinkedTokenSource(connectionToken));
        if (!_active.TryAdd(id, operation))
        {
            operation.Cancellation.Dispose();
            return false;
        }

        var task = Task.Run(() => runAsync(operation), CancellationToken.None);
        _running.TryAdd(task, true);
        _ = task.ContinueWith(
            finished =>
            {
                _running.TryRemove(finished, out _);
                TryRelease(operation);
                operation.Cancellation.Dispose();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return true;
    }

    /// <summary>
    /// Frees the id of an operation that finished by itself. Called before its final message.
    /// </summary>
    /// <returns>False if the client stopped the operation first, so nothing more is due.</returns>
    public bool TryRelease(RunningOperation operation) =>
        _active.TryRemove(new KeyValuePair<string, RunningOperation>(operation.Id, operation));

    /// <summary>Stops the operation with this id, if one is running.</summary>
    public void Cancel(string id)
    {
        if (!_active.TryRemove(id, out var operation))
        {
            return;
        }

        try
        {
            operation.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation finished between the lookup and the cancel; nothing is left to stop.
        }
    }

    /// <summary>Stops every operation and waits a few seconds for them to finish.</summary>
    public async Task CancelAllAsync()
    {
        foreach (var id in _active.Keys)
        {
            Cancel(id);
        }

        var running = _running.Keys.ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(s_drainTimeout);
        }
        catch (TimeoutException)
        {
            // An operation ignoring its token must not keep the connection's request alive;
            // it has lost its socket anyway and ends on its own.
        }
    }
}
