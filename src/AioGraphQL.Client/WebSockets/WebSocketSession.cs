using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// One physical socket: the upgrade, <c>connection_init</c> and its acknowledgement, the
/// receive loop that routes each message to its operation, sending, keep-alive timers, and
/// the close. A reconnect makes a new session; operations outlive sessions.
/// </summary>
/// <remarks>
/// Each message is received into one reused buffer, its envelope read in place, and only a
/// result's payload copied into a right-sized pooled buffer and parsed into the document the
/// <see cref="GraphQLResponse"/> owns.
/// Limitation: a message is buffered whole before parsing, so one larger than
/// <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/> fails the socket.
/// </remarks>
internal sealed class WebSocketSession : IDisposable
{
    private const int ReceiveChunk = 4096;

    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    // Marks a loss the client caused itself, so that it is not reported as a failure.
    private static readonly Exception s_closedByUs =
        new OperationCanceledException("The client closed the WebSocket.");

    private readonly WebSocketSettings _settings;

    private readonly WebSocketConnection _owner;

    private readonly ClientWebSocket _socket = new();

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private readonly PooledBufferWriter _sendBuffer = new(1024);

    private readonly Utf8JsonWriter _writer;

    private readonly PooledBufferWriter _receiveBuffer = new(16 * 1024);

    private readonly CancellationTokenSource _lifetime = new();

    private readonly TaskCompletionSource _acknowledged =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource<Exception?> _ended =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IEnumerable<string> _secrets = [];

    private Exception? _failure;

    private Task _receiveLoop = Task.CompletedTask;

    private ITimer? _pingTimer;

    private ITimer? _pongTimer;

    private ITimer? _keepAliveTimer;

    private int _awaitingPong;

    private int _closing;

    private int _disposed;

    public WebSocketSession(WebSocketSettings settings, WebSocketConnection owner, long generation)
    {
        _settings = settings;
        _owner = owner;
        Generation = generation;
        Protocol = settings.Fallback;
        _writer = new Utf8JsonWriter(_sendBuffer, s_writerOptions);
    }

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
        StartPinging();
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
            await UpgradeAsync(handshake, offered, linked.Token).ConfigureAwait(false);

            var payload = await handshake
                .CreatePayloadAsync(_settings, Protocol.Protocol, attempt, linked.Token)
                .ConfigureAwait(false);
            _receiveLoop = ReceiveLoopAsync();
            await SendConnectionInitAsync(payload, linked.Token).ConfigureAwait(false);

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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pingTimer?.Dispose();
        _pongTimer?.Dispose();
        _keepAliveTimer?.Dispose();
        _lifetime.Cancel();
        _socket.Abort();
        _socket.Dispose();

        // The receive loop and senders have stopped touching the buffers: the loop has ended
        // or been aborted, and sends hold the lock, which Dispose does not wait for; a send
        // racing this sees a disposed socket and never reaches the buffer again.
        if (_receiveLoop.IsCompleted)
        {
            _receiveBuffer.Dispose();
        }

        _lifetime.Dispose();
    }

    private async Task UpgradeAsync(
        WebSocketHandshake handshake,
        IReadOnlyList<WebSocketProtocol> offered,
        CancellationToken cancellationToken)
    {
        var options = _socket.Options;
        foreach (var protocol in offered)
        {
            options.AddSubProtocol(protocol.SubProtocol);
        }

        options.CollectHttpResponseDetails = true;
        CopyUpgradeHeaders(handshake, options);

        WebSocketLog.Connecting(_settings.Logger, _settings.DescribeEndpoint(), offered.Count);
        try
        {
            await _socket.ConnectAsync(_settings.Endpoint, _settings.Invoker, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            var status = _socket.HttpStatusCode;
            var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            throw new GraphQLWebSocketException(
                $"The WebSocket upgrade to {_settings.DescribeEndpoint()} failed"
                    + (status == 0 ? $": {ex.WebSocketErrorCode}." : $" with HTTP {(int)status}."),
                closeStatus: refused ? 4403 : null,
                isRetryable: !refused,
                innerException: ex);
        }

        var accepted = WebSocketProtocol.FromName(_socket.SubProtocol);
        if (accepted is null)
        {
            WebSocketLog.ProtocolFallback(_settings.Logger, _settings.Fallback.SubProtocol);
        }

        Protocol = accepted ?? _settings.Fallback;
        Accepted = accepted;
    }

    private void CopyUpgradeHeaders(WebSocketHandshake handshake, ClientWebSocketOptions options)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (_settings.SendHeadersOnUpgrade)
        {
            foreach (var (name, value) in handshake.Headers)
            {
                options.SetRequestHeader(name, value);
                set.Add(name);
            }
        }

        // An HttpClient used as the invoker adds its own default headers when it sends.
        if (_settings.HttpClient is { } client && _settings.Invoker is null)
        {
            foreach (var (name, values) in client.DefaultRequestHeaders)
            {
                if (!set.Contains(name))
                {
                    options.SetRequestHeader(name, string.Join(", ", values));
                }
            }
        }
    }

    private async Task SendConnectionInitAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Begin();
            Protocol.WriteConnectionInit(_writer, payload);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        WebSocketLog.ConnectionInitSent(_settings.Logger, payload.Length);
    }

    private async Task SendAsync(
        WebSocketOutgoingMessage kind,
        WebSocketOperation? operation,
        CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Begin();
            switch (kind)
            {
                case WebSocketOutgoingMessage.Subscribe:
                    // The caller always passes the operation for these kinds.
                    Protocol.WriteSubscribe(
                        _writer,
                        operation!.IdText,
                        operation.Request,
                        _settings.JsonOptions);
                    break;
                case WebSocketOutgoingMessage.Stop:
                    Protocol.WriteStop(_writer, operation!.IdText);
                    break;
                case WebSocketOutgoingMessage.Ping:
                    Protocol.WritePing(_writer);
                    break;
                case WebSocketOutgoingMessage.Pong:
                    if (!Protocol.TryWritePong(_writer))
                    {
                        return;
                    }

                    break;
                case WebSocketOutgoingMessage.Terminate:
                    if (!Protocol.TryWriteTerminate(_writer))
                    {
                        return;
                    }

                    break;
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
            WebSocketLog.MessageSent(_settings.Logger, kind, operation?.IdText);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void Begin()
    {
        _sendBuffer.Clear();
        _writer.Reset(_sendBuffer);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _writer.Flush();
        await _socket
            .SendAsync(
                _sendBuffer.WrittenMemory,
                WebSocketMessageType.Text,
                endOfMessage: true,
                cancellationToken)
            .ConfigureAwait(false);
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
                failure = await ReceiveOneAsync().ConfigureAwait(false);
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
        if (ReferenceEquals(failure, s_closedByUs))
        {
            failure = null;
        }

        _acknowledged.TrySetException(failure ?? new GraphQLWebSocketException(
            "The WebSocket closed before the server acknowledged the connection.",
            isRetryable: true));
        _ = _acknowledged.Task.Exception;

        _pingTimer?.Dispose();
        _pongTimer?.Dispose();
        _keepAliveTimer?.Dispose();
        _ended.TrySetResult(failure);
    }

    /// <summary>
    /// Receives and handles one message; returns why the socket ends, if it does.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Exception?> ReceiveOneAsync()
    {
        _receiveBuffer.Clear();
        while (true)
        {
            var result = await _socket
                .ReceiveAsync(_receiveBuffer.GetMemory(ReceiveChunk), _lifetime.Token)
                .ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return OnClose();
            }

            _receiveBuffer.Advance(result.Count);
            if (_receiveBuffer.WrittenCount > _settings.MaxMessageBytes)
            {
                return await FailProtocolAsync(
                    new GraphQLProtocolException(
                        "The server sent a message over the "
                            + $"{_settings.MaxMessageBytes}-byte limit."),
                    WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
            }

            if (result.EndOfMessage)
            {
                return await HandleAsync().ConfigureAwait(false);
            }
        }
    }

    private Exception? OnClose()
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return s_closedByUs;
        }

        var status = (int?)_socket.CloseStatus ?? 1005;
        var description = _socket.CloseStatusDescription is { Length: > 0 } text
            ? Redaction.MaskSecrets(text, _secrets)
            : null;
        var retryable = GraphQLWebSocketException.IsRetryableCloseStatus(status);
        WebSocketLog.ClosedByServer(_settings.Logger, status, retryable);

        // Answer the close so the server sees a clean close handshake.
        _ = AnswerCloseAsync();
        return new GraphQLWebSocketException(
            $"The server closed the WebSocket with {status}"
                + (description is null ? "." : $": {description}"),
            status,
            description,
            GraphQLWebSocketException.IsRetryableCloseStatus(status));
    }

    private async Task AnswerCloseAsync()
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Exception?> HandleAsync()
    {
        var message = _receiveBuffer.WrittenMemory;
        var reason = WebSocketEnvelope.TryRead(message.Span, out var envelope);
        if (reason is not null)
        {
            return await FailProtocolAsync(
                new GraphQLProtocolException($"The server sent an invalid message: {reason}."),
                (WebSocketCloseStatus)GraphQLTransportWsMessages.BadRequestCloseStatus)
                .ConfigureAwait(false);
        }

        var kind = envelope.EscapedType is { } escaped
            ? Protocol.Classify(Encoding.UTF8.GetBytes(escaped))
            : Protocol.Classify(message.Span[envelope.Type]);
        WebSocketLog.MessageReceived(_settings.Logger, kind);
        switch (kind)
        {
            case WebSocketMessageKind.Next:
                return await RouteResultAsync(envelope).ConfigureAwait(false);
            case WebSocketMessageKind.Complete:
            case WebSocketMessageKind.Error:
                return RouteEnd(envelope, kind);
            case WebSocketMessageKind.ConnectionAck:
                if (!_acknowledged.TrySetResult())
                {
                    WebSocketLog.DuplicateAck(_settings.Logger);
                    return null;
                }

                _owner.OnAcknowledged(this);

                return null;
            case WebSocketMessageKind.ConnectionError:
                return OnConnectionError(envelope);
            case WebSocketMessageKind.Ping:
                await SendAsync(WebSocketOutgoingMessage.Pong, null, _lifetime.Token)
                    .ConfigureAwait(false);
                await _owner.BroadcastAsync(
                    WebSocketOperationEvent.KeepAliveReceived(GraphQLKeepAliveKind.Ping),
                    _lifetime.Token).ConfigureAwait(false);
                return null;
            case WebSocketMessageKind.Pong:
                Interlocked.Exchange(ref _awaitingPong, 0);
                _pongTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                await _owner.BroadcastAsync(
                    WebSocketOperationEvent.KeepAliveReceived(GraphQLKeepAliveKind.Pong),
                    _lifetime.Token).ConfigureAwait(false);
                return null;
            case WebSocketMessageKind.KeepAlive:
                ArmKeepAliveWatchdog();
                await _owner.BroadcastAsync(
                    WebSocketOperationEvent.KeepAliveReceived(GraphQLKeepAliveKind.KeepAlive),
                    _lifetime.Token).ConfigureAwait(false);
                return null;
            default:
                return await OnUnknownTypeAsync(envelope).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Exception?> RouteResultAsync(WebSocketEnvelope envelope)
    {
        var message = _receiveBuffer.WrittenMemory;
        var operation = envelope.HasId ? _owner.Find(envelope.NumericId) : null;
        if (operation is null)
        {
            // Results may still be in flight for an operation the client just stopped.
            WebSocketLog.UnknownOperation(_settings.Logger, envelope.TypeName(message.Span),
                envelope.HasId ? envelope.IdText() : null);
            return null;
        }

        if (envelope.Payload is not { } range)
        {
            await _owner.FailOperationAsync(operation, new GraphQLProtocolException(
                "The server sent a result without a payload.",
                envelope.TypeName(message.Span))).ConfigureAwait(false);
            return null;
        }

        var result = WebSocketResultPayload.Copy(
            message.Span[range],
            Protocol.ResultMessageType);
        await operation.DeliverAsync(WebSocketOperationEvent.Received(result), _lifetime.Token)
            .ConfigureAwait(false);
        return null;
    }

    private Exception? RouteEnd(WebSocketEnvelope envelope, WebSocketMessageKind kind)
    {
        var message = _receiveBuffer.WrittenMemory;
        var operation = envelope.HasId ? _owner.Find(envelope.NumericId) : null;
        if (operation is null)
        {
            WebSocketLog.UnknownOperation(_settings.Logger, envelope.TypeName(message.Span),
                envelope.HasId ? envelope.IdText() : null);
            return null;
        }

        if (kind == WebSocketMessageKind.Complete)
        {
            _owner.EndOperation(operation, null);
            return null;
        }

        var errors = WebSocketErrorPayload.Read(message, envelope.Payload, out var reason);
        Exception failure = errors is null
            ? new GraphQLProtocolException(
                $"The server sent an operation error that cannot be read: {reason}.",
                envelope.TypeName(message.Span))
            : new GraphQLResponseException(errors);
        _owner.EndOperation(operation, failure);
        return null;
    }

    private GraphQLWebSocketException? OnConnectionError(WebSocketEnvelope envelope)
    {
        if (_acknowledged.Task.IsCompleted)
        {
            // After the acknowledgement the legacy server uses it for a message it could not
            // parse, which ends nothing.
            WebSocketLog.ConnectionErrorSkipped(_settings.Logger);
            return null;
        }

        var message = _receiveBuffer.WrittenMemory;
        var detail = WebSocketErrorPayload.Describe(message, envelope.Payload);
        detail = detail is null ? null : Redaction.MaskSecrets(detail, _secrets);
        WebSocketLog.ConnectionRefused(_settings.Logger);
        var failure = new GraphQLWebSocketException(
            "The server refused the WebSocket connection" + (detail is null ? "." : $": {detail}"),
            closeDescription: detail)
        {
            IsConnectionError = true,
        };
        Interlocked.CompareExchange(ref _failure, failure, null);

        // The legacy server closes with 1011 shortly after; closing first keeps the refusal
        // as the reason instead of a retryable-looking 1011.
        Interlocked.Exchange(ref _closing, 1);
        _ = AnswerCloseAsync();
        return failure;
    }

    private async Task<Exception?> OnUnknownTypeAsync(WebSocketEnvelope envelope)
    {
        var type = envelope.TypeName(_receiveBuffer.WrittenSpan);
        if (!Protocol.UnknownTypeIsFatal)
        {
            WebSocketLog.UnknownTypeSkipped(_settings.Logger, type);
            return null;
        }

        return await FailProtocolAsync(
            new GraphQLProtocolException(
                $"The server sent a message of type '{type}', which {Protocol.SubProtocol} "
                    + "does not define.",
                type),
            (WebSocketCloseStatus)GraphQLTransportWsMessages.BadRequestCloseStatus)
            .ConfigureAwait(false);
    }

    private async Task<Exception> FailProtocolAsync(
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

    private void StartPinging()
    {
        if (_settings.PingInterval is not { } interval || !Protocol.SupportsClientPing)
        {
            return;
        }

        _pongTimer = _settings.TimeProvider.CreateTimer(
            static state => ((WebSocketSession)state!).OnPongOverdue(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        _pingTimer = _settings.TimeProvider.CreateTimer(
            static state => _ = ((WebSocketSession)state!).PingAsync(),
            this,
            interval,
            interval);
    }

    private async Task PingAsync()
    {
        if (Interlocked.Exchange(ref _awaitingPong, 1) == 0)
        {
            _pongTimer?.Change(_settings.PongTimeout, Timeout.InfiniteTimeSpan);
        }

        try
        {
            await SendAsync(WebSocketOutgoingMessage.Ping, null, _lifetime.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException
            or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The socket is going away; its receive loop reports why.
            WebSocketLog.CloseIncomplete(_settings.Logger, ex.GetType().Name);
        }
    }

    private void OnPongOverdue()
    {
        WebSocketLog.PongTimedOut(_settings.Logger, _settings.PongTimeout.TotalMilliseconds);
        Fail(new GraphQLTimeoutException(
            _settings.PongTimeout,
            "The server did not answer a ping within "
                + $"{_settings.PongTimeout.TotalSeconds:0.###} s."));
    }

    private void ArmKeepAliveWatchdog()
    {
        if (_settings.KeepAliveTimeout is not { } limit)
        {
            return;
        }

        if (_keepAliveTimer is null)
        {
            _keepAliveTimer = _settings.TimeProvider.CreateTimer(
                static state => ((WebSocketSession)state!).OnKeepAliveOverdue(),
                this,
                limit,
                Timeout.InfiniteTimeSpan);
            return;
        }

        _keepAliveTimer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    private void OnKeepAliveOverdue()
    {
        // The watchdog only runs while the receive loop does; checking avoids a late timer
        // blaming a socket that closed for another reason.
        if (_ended.Task.IsCompleted)
        {
            return;
        }

        var limit = _settings.KeepAliveTimeout ?? TimeSpan.Zero;
        WebSocketLog.KeepAliveTimedOut(_settings.Logger, limit.TotalMilliseconds);
        Fail(new GraphQLTimeoutException(
            limit,
            $"The server sent no keep-alive within {limit.TotalSeconds:0.###} s."));
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
        Fail(failure is OperationCanceledException ? s_closedByUs : failure);
        await _receiveLoop.ConfigureAwait(false);
        Dispose();
    }

}
