using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client;

/// <summary>
/// A running callback subscription: its id, a task that ends with it, and the way to stop it.
/// Awaiting <see cref="Completion"/> is the counterpart of waiting on the subscription in
/// aiographql-client.
/// </summary>
public sealed class GraphQLSubscription : IAsyncDisposable
{
    private readonly WebSocketConnection _connection;

    private readonly WebSocketOperation _operation;

    private readonly GraphQLSubscriptionHandler _handler;

    private readonly ILogger _logger;

    private readonly CancellationToken _callerToken;

    private readonly CancellationTokenSource _stop;

    private int _unsubscribed;

    internal GraphQLSubscription(
        WebSocketConnection connection,
        WebSocketOperation operation,
        GraphQLSubscriptionHandler handler,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _connection = connection;
        _operation = operation;
        _handler = handler;
        _logger = logger;
        _callerToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Completion = RunAsync();
    }

    /// <summary>
    /// The operation id on the socket, as sent in subscribe/start and stop messages.
    /// </summary>
    public string Id => _operation.IdText;

    /// <summary>
    /// Completes when the subscription ends: successfully when the server completes it or
    /// <see cref="UnsubscribeAsync"/> is called; faulted with the failure otherwise (an
    /// operation error, a lost socket, or an exception from a callback); cancelled when the
    /// token given to Subscribe is cancelled.
    /// </summary>
    public Task Completion { get; }

    /// <summary>
    /// Stops the subscription: the server is told to stop it, and the task completes once the
    /// callbacks have finished, within the close timeout if the server no longer answers.
    /// </summary>
    /// <returns>A task that completes when the subscription has ended.</returns>
    public async Task UnsubscribeAsync()
    {
        Interlocked.Exchange(ref _unsubscribed, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failure is the subscription's outcome, reported through Completion and
            // OnError; stopping it is not the place to throw it again.
            WebSocketLog.SubscriptionEndedWith(_logger, Id, ex.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            // Cancelled through the caller's own token before this call: it has ended.
        }
    }

    /// <summary>Unsubscribes; see <see cref="UnsubscribeAsync"/>.</summary>
    /// <returns>A task that completes when the subscription has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        await UnsubscribeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        // Let Subscribe return the handle before any callback runs.
        await Task.Yield();

        var token = _stop.Token;
        Exception? failure = null;
        var failedInOnError = false;
        try
        {
            await _connection.StartAsync(_operation, token).ConfigureAwait(false);

            var reader = _operation.Reader;
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var entry))
                {
                    await DispatchAsync(entry).ConfigureAwait(false);
                }
            }

            _operation.ThrowIfFailed();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            failure = null;
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await _connection.StopAsync(_operation).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            if (_handler.OnError is { } onError)
            {
                try
                {
                    await onError(failure).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    WebSocketLog.CallbackFailed(
                        _logger,
                        Id,
                        nameof(_handler.OnError),
                        ex.GetType().Name);
                    failedInOnError = true;
                    failure = ex;
                }
            }

            if (!failedInOnError)
            {
                WebSocketLog.SubscriptionEndedWith(_logger, Id, failure.GetType().Name);
            }

            throw failure;
        }

        if (token.IsCancellationRequested && Volatile.Read(ref _unsubscribed) == 0)
        {
            throw new OperationCanceledException(_callerToken);
        }

        await InvokeAsync(_handler.OnComplete, nameof(_handler.OnComplete)).ConfigureAwait(false);
    }

    private async ValueTask DispatchAsync(WebSocketOperationEvent entry)
    {
        switch (entry.Kind)
        {
            case WebSocketOperationEventKind.Result:
                // Every Result entry carries a response.
                using (var response = entry.Result!.ToResponse())
                {
                    if (_handler.OnData is { } onData)
                    {
                        await GuardAsync(onData(response), nameof(_handler.OnData))
                            .ConfigureAwait(false);
                    }
                }

                break;
            case WebSocketOperationEventKind.ConnectionAck:
                await InvokeAsync(_handler.OnConnectionAck, nameof(_handler.OnConnectionAck))
                    .ConfigureAwait(false);
                break;
            case WebSocketOperationEventKind.KeepAlive:
                if (_handler.OnKeepAlive is { } onKeepAlive)
                {
                    await GuardAsync(onKeepAlive(entry.KeepAlive), nameof(_handler.OnKeepAlive))
                        .ConfigureAwait(false);
                }

                break;
            case WebSocketOperationEventKind.Closed:
                if (_handler.OnClose is { } onClose && entry.Close is { } close)
                {
                    await GuardAsync(onClose(close), nameof(_handler.OnClose))
                        .ConfigureAwait(false);
                }

                break;
        }
    }

    private async ValueTask InvokeAsync(Func<ValueTask>? callback, string name)
    {
        if (callback is not null)
        {
            await GuardAsync(callback(), name).ConfigureAwait(false);
        }
    }

    private async ValueTask GuardAsync(ValueTask pending, string name)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WebSocketLog.CallbackFailed(_logger, Id, name, ex.GetType().Name);
            throw;
        }
    }
}
