using System.Diagnostics;
using System.Net.WebSockets;

namespace AioGraphQL.Client;

/// <summary>
/// One physical socket: connecting it and waiting for the acknowledgement, the receive loop,
/// and its end, whether we close it, the server does, or it is given up. Sending, receiving,
/// routing and keep-alive are its parts; a reconnect makes a new session, while operations
/// outlive sessions.
/// </summary>
internal sealed class WebSocketSession : IDisposable
{
    private readonly WebSocketSettings _settings;

    private readonly ClientWebSocket _socket = new();

    private readonly WebSocketSender _sender;

    private readonly WebSocketKeepAlive _keepAlive;

    private readonly WebSocketReceiver _receiver;

    private readonly CancellationTokenSource _lifetime = new();

    private readonly TaskCompletionSource _acknowledged =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource<Exception?> _ended =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IEnumerable<string> _secrets = [];

    private Exception? _failure;

    private Task _receiveLoop = Task.CompletedTask;

    private int _closing;

    private int _disposed;

    public WebSocketSession(WebSocketSettings settings, WebSocketConnection owner, long generation)
    {
        _settings = settings;
        Generation = generation;
        Protocol = settings.Fallback;
        _sender = new WebSocketSender(settings, _socket);
        _keepAlive = new WebSocketKeepAlive(settings, this);
        var router = new WebSocketMessageRouter(settings, this, owner, _keepAlive);
        _receiver = new WebSocketReceiver(settings, this, _socket, router);
    }

    /// <summary>
    /// Marks a loss the client caused itself, so that it is not reported as a failure.
    /// </summary>
    public static Exception ClosedByUs { get; } =
        new OperationCanceledException("The client closed the WebSocket.");

    /// <summary>
    /// Counts the sessions of one connection; subscribes are claimed per generation.
    /// </summary>
    public long Generation { get; }

    /// <summary>The sub-protocol spoken, known once the upgrade is done.</summary>
    public WebSocketProtocol Protocol { get; private set; }

    /// <summary>The sub-protocol the server named in the upgrade, or null.</summary>
    public WebSocketProtocol? Accepted { get; private set; }

    /// <summary>
    /// Completes when the receive loop ends: with null after our own close, or with why the
    /// socket was lost.
    /// </summary>
    public Task<Exception?> Ended => _ended.Task;

    /// <summary>
    /// Cancelled when the session is disposed; read it where it is used, as disposal makes
    /// reading it throw.
    /// </summary>
    public CancellationToken LifetimeToken => _lifetime.Token;

    /// <summary>Every header value sent, to mask in anything the server echoes back.</summary>
    public IEnumerable<string> Secrets => _secrets;

    /// <summary>Whether the server has acknowledged the connection.</summary>
    public bool IsAcknowledged => _acknowledged.Task.IsCompleted;

    /// <summary>
    /// Whether the client has begun closing, so a close or loss that follows is expected.
    /// </summary>
    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>
    /// Opens the socket, sends <c>connection_init</c> and waits for the acknowledgement.
    /// </summary>
    public async Task ConnectAsync(
        WebSocketHandshake handshake,
        IReadOnlyList<WebSocketProtocol> offered,
        int attempt,
        CancellationToken cancellationToken)
    {
        _secrets = handshake.Secrets;
        var started = Stopwatch.GetTimestamp();
        await HandshakeAsync(handshake, offered, attempt, cancellationToken).ConfigureAwait(false);

        WebSocketLog.Connected(
            _settings.Logger,
            Protocol.SubProtocol,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _keepAlive.StartPinging(Protocol);
    }

    private async Task HandshakeAsync(
        WebSocketHandshake handshake,
        IReadOnlyList<WebSocketProtocol> offered,
        int attempt,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(
            _settings.ConnectionAckTimeout,
            _settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken,
            timeout.Token,
            _lifetime.Token);
        try
        {
            var accepted = await WebSocketUpgrade
                .ConnectAsync(_socket, _settings, handshake, offered, linked.Token)
                .ConfigureAwait(false);
            Protocol = accepted ?? _settings.Fallback;
            Accepted = accepted;

            var payload = await handshake
                .CreatePayloadAsync(_settings, Protocol.Protocol, attempt, linked.Token)
                .ConfigureAwait(false);
            _receiveLoop = ReceiveLoopAsync();
            await _sender.SendConnectionInitAsync(Protocol, payload, linked.Token)
                .ConfigureAwait(false);

            await _acknowledged.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested
            && !cancellationToken.IsCancellationRequested)
        {
            WebSocketLog.AckTimedOut(
                _settings.Logger,
                _settings.ConnectionAckTimeout.TotalMilliseconds);
            var failure = new GraphQLTimeoutException(
                _settings.ConnectionAckTimeout,
                "The server did not acknowledge the WebSocket connection within "
                    + $"{_settings.ConnectionAckTimeout.TotalSeconds:0.###} s.",
                ex);
            await AbandonAsync(failure).ConfigureAwait(false);
            throw failure;
        }
        catch (Exception ex)
        {
            await AbandonAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sends the subscribe for <paramref name="operation"/> unless already sent here.
    /// </summary>
    public async Task SubscribeAsync(WebSocketOperation operation)
    {
        if (!operation.TryClaimSend(Generation))
        {
            return;
        }

        await SendAsync(WebSocketOutgoingMessage.Subscribe, operation, _lifetime.Token)
            .ConfigureAwait(false);
        WebSocketLog.OperationStarted(
            _settings.Logger,
            operation.IdText,
            operation.Request.OperationName);
    }

    /// <summary>
    /// Tells the server to stop <paramref name="operation"/>, if it was started here.
    /// </summary>
    public async Task StopAsync(WebSocketOperation operation)
    {
        if (!operation.WasSentOn(Generation) || Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        await SendAsync(WebSocketOutgoingMessage.Stop, operation, _lifetime.Token)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Closes cleanly: stops <paramref name="stopping"/>, says goodbye where the protocol has
    /// one, closes with 1000 and waits for the server's close, all within the close timeout;
    /// then aborts whatever is left.
    /// </summary>
    public async Task CloseAsync(IReadOnlyCollection<WebSocketOperation> stopping)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            await WaitForReceiveLoopAsync().ConfigureAwait(false);
            return;
        }

        using var timeout = new CancellationTokenSource(
            _settings.CloseTimeout,
            _settings.TimeProvider);
        try
        {
            foreach (var operation in stopping)
            {
                if (operation.WasSentOn(Generation))
                {
                    await SendAsync(WebSocketOutgoingMessage.Stop, operation, timeout.Token)
                        .ConfigureAwait(false);
                }
            }

            await SendAsync(WebSocketOutgoingMessage.Terminate, null, timeout.Token)
                .ConfigureAwait(false);
            await _socket
                .CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token)
                .ConfigureAwait(false);
            WebSocketLog.ClosingNormally(_settings.Logger);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException
            or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The peer is gone or slow; the abort below ends the socket either way.
            WebSocketLog.CloseIncomplete(_settings.Logger, ex.GetType().Name);
        }

        await WaitForReceiveLoopAsync().ConfigureAwait(false);
        Dispose();
    }

    /// <summary>Gives the socket up at once: records why, then aborts it.</summary>
    public void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        _socket.Abort();
    }

    /// <summary>Records the server's acknowledgement; false if it came before.</summary>
    public bool TryAcknowledge() => _acknowledged.TrySetResult();

    /// <summary>Records why the socket ends, unless a reason was recorded first.</summary>
    public void RecordFailure(Exception failure) =>
        Interlocked.CompareExchange(ref _failure, failure, null);

    /// <summary>Notes that the client is closing, so the coming close is not a loss.</summary>
    public void MarkClosing() => Interlocked.Exchange(ref _closing, 1);

    /// <summary>Sends one message in the spoken sub-protocol.</summary>
    public Task SendAsync(
        WebSocketOutgoingMessage kind,
        WebSocketOperation? operation,
        CancellationToken cancellationToken) =>
        _sender.SendAsync(Protocol, kind, operation, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _keepAlive.Dispose();
        _lifetime.Cancel();
        _socket.Abort();
        _socket.Dispose();

        // The receive loop and senders have stopped touching the buffers: the loop has ended
        // or been aborted, and sends hold the lock, which Dispose does not wait for; a send
        // racing this sees a disposed socket and never reaches the buffer again.
        if (_receiveLoop.IsCompleted)
        {
            _receiver.Dispose();
        }

        _lifetime.Dispose();
    }

    /// <summary>Answers the server's close, so it sees a clean close handshake.</summary>
    public async Task AnswerCloseAsync()
    {
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException
            or InvalidOperationException or IOException)
        {
            // Already closing or gone: the close the server asked for has happened either way.
            WebSocketLog.CloseIncomplete(_settings.Logger, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Gives the socket up for a message that breaks the protocol: records
    /// <paramref name="failure"/> as why, and closes with <paramref name="status"/> within the
    /// close timeout.
    /// </summary>
    public async Task<Exception> FailProtocolAsync(
        GraphQLProtocolException failure,
        WebSocketCloseStatus status)
    {
        WebSocketLog.ProtocolViolation(_settings.Logger, failure.MessageType);
        Interlocked.CompareExchange(ref _failure, failure, null);
        Interlocked.Exchange(ref _closing, 1);
        using var timeout = new CancellationTokenSource(
            _settings.CloseTimeout,
            _settings.TimeProvider);
        try
        {
            await _socket.CloseOutputAsync(status, "Invalid message", timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException
            or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The socket is being given up anyway; the protocol failure is what gets reported.
            WebSocketLog.CloseIncomplete(_settings.Logger, ex.GetType().Name);
        }

        return failure;
    }

    private async Task ReceiveLoopAsync()
    {
        // Run the loop off the connecting caller's stack.
        await Task.Yield();

        Exception? failure = null;
        try
        {
            while (failure is null)
            {
                failure = await _receiver.ReceiveOneAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException
            or ObjectDisposedException or IOException or InvalidOperationException)
        {
            failure = Volatile.Read(ref _closing) != 0 && Volatile.Read(ref _failure) is null
                ? null
                : new GraphQLWebSocketException(
                    "The WebSocket connection dropped without a close frame.",
                    GraphQLWebSocketException.AbnormalClosure,
                    isRetryable: true,
                    innerException: ex);
        }

        failure = Volatile.Read(ref _failure) ?? failure;
        if (ReferenceEquals(failure, ClosedByUs))
        {
            failure = null;
        }

        _acknowledged.TrySetException(failure ?? new GraphQLWebSocketException(
            "The WebSocket closed before the server acknowledged the connection.",
            isRetryable: true));
        _ = _acknowledged.Task.Exception;

        _keepAlive.Dispose();
        _ended.TrySetResult(failure);
    }

    private async Task WaitForReceiveLoopAsync()
    {
        try
        {
            await _receiveLoop.WaitAsync(_settings.CloseTimeout, _settings.TimeProvider)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The server never answered the close; aborting ends the loop.
            _socket.Abort();
            await _receiveLoop.ConfigureAwait(false);
        }
    }

    private async Task AbandonAsync(Exception failure)
    {
        Fail(failure is OperationCanceledException ? ClosedByUs : failure);
        await _receiveLoop.ConfigureAwait(false);
        Dispose();
    }
}