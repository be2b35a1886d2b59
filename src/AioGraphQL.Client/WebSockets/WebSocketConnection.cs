using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace AioGraphQL.Client;

/// <summary>
/// The logical connection for one identity (effective connection payload and upgrade
/// headers): the operations sharing it, the current session, connecting lazily, reconnecting
/// with back-off, and closing once idle.
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "The lifetime source has no timer; it is cancelled on shutdown, never "
        + "disposed, because reconnect loops may still read its token afterwards.")]
internal sealed class WebSocketConnection
{
    private readonly WebSocketSettings _settings;

    private readonly GraphQLWebSocketTransport _transport;

    private readonly bool _useProvider;

    private readonly ConcurrentDictionary<long, WebSocketOperation> _operations = new();

    private readonly CancellationTokenSource _lifetime = new();

    private readonly WebSocketReconnectPolicy _reconnect;

    private readonly WebSocketHandshakeFactory _handshakes;

    private readonly object _gate = new();

    private WebSocketSession? _session;

    private Task<WebSocketSession>? _connecting;

    private AuthorizationCoordinator.Credential? _credential;

    private WebSocketSession? _acknowledged;

    private long _generation;

    private bool _retired;

    private ITimer? _idleTimer;

    public WebSocketConnection(
        WebSocketSettings settings,
        GraphQLWebSocketTransport transport,
        string key,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        bool useProvider)
    {
        _settings = settings;
        _transport = transport;
        Key = key;
        _useProvider = useProvider;
        _reconnect = new WebSocketReconnectPolicy(settings, useProvider, _lifetime.Token);
        _handshakes = new WebSocketHandshakeFactory(
            settings,
            headers,
            useProvider,
            _lifetime.Token);
    }

    /// <summary>The identity this connection serves, the transport's dictionary key.</summary>
    public string Key { get; }

    /// <summary>Joins an operation; false once the connection is retired, so use another.</summary>
    public bool TryAdd(WebSocketOperation operation)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _operations[operation.Id] = operation;
            _idleTimer?.Dispose();
            _idleTimer = null;
            if (operation.WantsEvents && _acknowledged is not null)
            {
                // The socket was acknowledged before this operation joined; tell it too.
                operation.Post(WebSocketOperationEvent.Acknowledged());
            }

            return true;
        }
    }

    /// <summary>
    /// Called by the receive loop on <c>connection_ack</c>, before it reads the next message,
    /// so the event precedes anything that follows it.
    /// </summary>
    public void OnAcknowledged(WebSocketSession session)
    {
        // Under the lock, so an operation joining now is told exactly once, here or in TryAdd.
        lock (_gate)
        {
            _acknowledged = session;
            foreach (var (_, operation) in _operations)
            {
                if (operation.WantsEvents)
                {
                    operation.Post(WebSocketOperationEvent.Acknowledged());
                }
            }
        }
    }

    /// <summary>The running operation with this id, or null.</summary>
    public WebSocketOperation? Find(long id) =>
        id >= 0 && _operations.TryGetValue(id, out var operation) ? operation : null;

    /// <summary>Connects if needed, then sends the operation's subscribe.</summary>
    public async Task StartAsync(WebSocketOperation operation, CancellationToken cancellationToken)
    {
        var session = await GetSessionAsync()
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await session.SubscribeAsync(operation).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSocketGone(ex))
        {
            // The session died under us; its end re-subscribes or fails this operation.
            WebSocketLog.SendFailed(_settings.Logger, operation.IdText, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Ends an operation from the client side: tells the server to stop it if it still runs,
    /// gives back unread results, and starts the idle countdown when it was the last.
    /// </summary>
    public async Task StopAsync(WebSocketOperation operation)
    {
        var wasRunning = operation.Complete();
        _operations.TryRemove(operation.Id, out _);
        operation.DisposeUnread();

        var session = Volatile.Read(ref _session);
        if (wasRunning && session is not null)
        {
            try
            {
                await session.StopAsync(operation)
                    .WaitAsync(_settings.CloseTimeout, _settings.TimeProvider)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException || IsSocketGone(ex))
            {
                // The peer is slow or gone; the operation has ended here either way.
                WebSocketLog.SendFailed(_settings.Logger, operation.IdText, ex.GetType().Name);
            }
        }

        WebSocketLog.OperationEnded(_settings.Logger, operation.IdText, "stopped");
        ScheduleIdleClose();
    }

    /// <summary>Ends an operation the server finished (complete) or failed (error).</summary>
    public void EndOperation(WebSocketOperation operation, Exception? failure)
    {
        _operations.TryRemove(operation.Id, out _);
        var ended = failure is null ? operation.Complete() : operation.Fail(failure);
        if (ended)
        {
            WebSocketLog.OperationEnded(
                _settings.Logger,
                operation.IdText,
                failure is null ? "completed" : failure.GetType().Name);
        }

        ScheduleIdleClose();
    }

    /// <summary>Fails one operation for a bad message and tells the server to stop it.</summary>
    public async Task FailOperationAsync(WebSocketOperation operation, Exception failure)
    {
        WebSocketLog.ProtocolViolation(
            _settings.Logger,
            (failure as GraphQLProtocolException)?.MessageType);
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            try
            {
                await session.StopAsync(operation).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsSocketGone(ex))
            {
                WebSocketLog.SendFailed(_settings.Logger, operation.IdText, ex.GetType().Name);
            }
        }

        EndOperation(operation, failure);
    }

    /// <summary>Queues a connection event for every operation that wants events.</summary>
    public async ValueTask BroadcastAsync(
        WebSocketOperationEvent entry,
        CancellationToken cancellationToken)
    {
        foreach (var (_, operation) in _operations)
        {
            if (operation.WantsEvents)
            {
                await operation.DeliverAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Closes for good: stops every operation on the server, closes the socket within the
    /// close timeout, and ends the operations here with <paramref name="reason"/>.
    /// </summary>
    public async Task ShutdownAsync(Exception reason)
    {
        WebSocketSession? session;
        lock (_gate)
        {
            _retired = true;
            _idleTimer?.Dispose();
            _idleTimer = null;
            session = _session;
            _session = null;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        var running = _operations.Values.ToArray();
        if (session is not null)
        {
            await session.CloseAsync(running).ConfigureAwait(false);
        }

        foreach (var operation in running)
        {
            _operations.TryRemove(operation.Id, out _);
            operation.Fail(reason);
        }
    }

    private static bool IsSocketGone(Exception ex) =>
        ex is System.Net.WebSockets.WebSocketException or OperationCanceledException
            or ObjectDisposedException or InvalidOperationException or IOException;

    private Task<WebSocketSession> GetSessionAsync()
    {
        lock (_gate)
        {
            if (_session is { } ready)
            {
                return Task.FromResult(ready);
            }

            ObjectDisposedException.ThrowIf(_retired, this);
            return _connecting ??= ConnectLoopAsync(lastFailure: null);
        }
    }

    /// <summary>
    /// Connects, retrying as the options allow; on success installs the session, subscribes
    /// the operations again, and watches the session until it ends.
    /// </summary>
    private async Task<WebSocketSession> ConnectLoopAsync(Exception? lastFailure)
    {
        // Leave the caller's lock before anything else runs.
        await Task.Yield();

        var isReconnect = lastFailure is not null;
        var refused = isReconnect ? _credential : null;
        var refreshedOnce = false;
        WebSocketHandshake? reusable = null;
        for (var attempt = 1; ; attempt++)
        {
            // Retries count from the first connect after a failure, whichever loop this is.
            var retry = isReconnect ? attempt : attempt - 1;
            if (lastFailure is not null)
            {
                var retrying = _reconnect.ShouldRetry(
                    lastFailure,
                    retry,
                    !_operations.IsEmpty,
                    ref refreshedOnce,
                    out var refresh);
                if (!retrying)
                {
                    lock (_gate)
                    {
                        _connecting = null;
                    }

                    if (isReconnect)
                    {
                        WebSocketLog.ReconnectGaveUp(_settings.Logger, retry - 1);
                        FailAll(lastFailure);
                    }

                    throw lastFailure;
                }

                refused = refresh ? refused : null;
                await _reconnect.DelayBeforeRetryAsync(retry, lastFailure, refresh)
                    .ConfigureAwait(false);
            }

            var offered = _transport.OfferedProtocols;
            var generation = Interlocked.Increment(ref _generation);
            var session = new WebSocketSession(_settings, this, generation);
            var handshake = reusable;
            reusable = null;
            try
            {
                handshake ??= await _handshakes.CreateAsync(refused).ConfigureAwait(false);
                await session.ConnectAsync(handshake, offered, attempt, _lifetime.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is GraphQLClientException || IsSocketGone(ex))
            {
                ObjectDisposedException.ThrowIf(
                    _lifetime.IsCancellationRequested,
                    typeof(GraphQLClient));
                if (WebSocketReconnectPolicy.IsProtocolRejected(ex, session, offered))
                {
                    // Some legacy servers accept the first offered name whatever it is, then
                    // close with 1002; offering the rest without that name reaches them.
                    _transport.MarkRejected(session.Accepted!);
                    reusable = handshake;
                    WebSocketLog.ProtocolRejected(_settings.Logger, session.Accepted!.SubProtocol);
                    lastFailure = null;
                    continue;
                }

                WebSocketLog.ConnectFailed(_settings.Logger, attempt, ex.GetType().Name,
                    (ex as GraphQLWebSocketException)?.CloseStatus);
                refused = handshake?.Credential;
                lastFailure = ex;
                continue;
            }

            Install(session, handshake.Credential, isReconnect, retry);
            return session;
        }
    }

    private void Install(
        WebSocketSession session,
        AuthorizationCoordinator.Credential? credential,
        bool isReconnect,
        int retry)
    {
        lock (_gate)
        {
            _connecting = null;
            if (_retired)
            {
                session.Dispose();
            }

            ObjectDisposedException.ThrowIf(_retired, typeof(GraphQLClient));

            _session = session;
            _credential = credential;
        }

        if (isReconnect)
        {
            WebSocketLog.Reconnected(_settings.Logger, retry);
        }

        _ = WatchAsync(session, isReconnect);
    }

    private async Task WatchAsync(WebSocketSession session, bool isReconnect)
    {
        if (isReconnect)
        {
            await ResubscribeAsync(session).ConfigureAwait(false);
        }

        var failure = await session.Ended.ConfigureAwait(false);
        OnSessionEnded(session, failure);
    }

    private async Task ResubscribeAsync(WebSocketSession session)
    {
        foreach (var (_, operation) in _operations)
        {
            try
            {
                await session.SubscribeAsync(operation).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsSocketGone(ex))
            {
                // The new socket died too; its end starts the next round.
                WebSocketLog.SendFailed(_settings.Logger, operation.IdText, ex.GetType().Name);
                return;
            }
        }
    }

    private void OnSessionEnded(WebSocketSession session, Exception? failure)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_acknowledged, session))
            {
                _acknowledged = null;
            }

            if (!ReferenceEquals(_session, session))
            {
                return;
            }

            _session = null;
        }

        session.Dispose();
        if (failure is null || _lifetime.IsCancellationRequested)
        {
            return;
        }

        var close = failure as GraphQLWebSocketException ?? new GraphQLWebSocketException(
            "The WebSocket was given up: " + failure.Message,
            isRetryable: failure is GraphQLTimeoutException,
            innerException: failure);
        var willRetry = _settings.Reconnect && !_operations.IsEmpty
            && (close.IsRetryable || (close.IsRefusal && _useProvider));
        NotifyClosed(close);
        if (!willRetry)
        {
            FailAll(failure);
            return;
        }

        lock (_gate)
        {
            if (_retired)
            {
                return;
            }

            _connecting = ConnectLoopAsync(failure);
        }

        // Failures of the reconnect loop are reported to the operations by FailAll.
        _connecting.ContinueWith(
            static task => _ = task.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void NotifyClosed(GraphQLWebSocketException close)
    {
        foreach (var (_, operation) in _operations)
        {
            if (operation.WantsEvents)
            {
                operation.Post(WebSocketOperationEvent.Closed(close));
            }
        }
    }

    private void FailAll(Exception failure)
    {
        foreach (var (id, operation) in _operations)
        {
            _operations.TryRemove(id, out _);
            if (operation.Fail(failure))
            {
                WebSocketLog.OperationEnded(
                    _settings.Logger,
                    operation.IdText,
                    failure.GetType().Name);
            }
        }
    }

    private void ScheduleIdleClose()
    {
        lock (_gate)
        {
            if (!_operations.IsEmpty || _retired || _idleTimer is not null)
            {
                return;
            }

            _idleTimer = _settings.TimeProvider.CreateTimer(
                static state => _ = ((WebSocketConnection)state!).CloseIfIdleAsync(),
                this,
                _settings.IdleTimeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    private async Task CloseIfIdleAsync()
    {
        lock (_gate)
        {
            if (!_operations.IsEmpty || _retired || _connecting is not null)
            {
                _idleTimer?.Dispose();
                _idleTimer = null;
                return;
            }

            _retired = true;
        }

        WebSocketLog.IdleClosing(_settings.Logger);
        _transport.Remove(this);
        await ShutdownAsync(new ObjectDisposedException(nameof(WebSocketConnection)))
            .ConfigureAwait(false);
    }
}
