using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace AioGraphQL.Client;

/// <summary>
/// Acts on each whole message a session receives: results and ends go to their operation,
/// connection messages to the session, keep-alives to the timers and to listening operations.
/// </summary>
/// <remarks>
/// A result, complete or error for an id the client has not subscribed on this socket (not
/// yet, as before the acknowledgement, or no longer) is logged as a warning and skipped.
/// </remarks>
internal sealed class WebSocketMessageRouter
{
    private readonly WebSocketSettings _settings;

    private readonly WebSocketSession _session;

    private readonly WebSocketConnection _owner;

    private readonly WebSocketKeepAlive _keepAlive;

    public WebSocketMessageRouter(
        WebSocketSettings settings,
        WebSocketSession session,
        WebSocketConnection owner,
        WebSocketKeepAlive keepAlive)
    {
        _settings = settings;
        _session = session;
        _owner = owner;
        _keepAlive = keepAlive;
    }

    /// <summary>
    /// Handles one message, which stays valid until this completes; returns why the socket
    /// ends, if it does.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Exception?> HandleAsync(ReadOnlyMemory<byte> message)
    {
        var reason = WebSocketEnvelope.TryRead(message.Span, out var envelope);
        if (reason is not null)
        {
            return await _session.FailProtocolAsync(
                new GraphQLProtocolException($"The server sent an invalid message: {reason}."),
                (WebSocketCloseStatus)GraphQLTransportWsMessages.BadRequestCloseStatus)
                .ConfigureAwait(false);
        }

        var kind = envelope.EscapedType is { } escaped
            ? _session.Protocol.Classify(Encoding.UTF8.GetBytes(escaped))
            : _session.Protocol.Classify(message.Span[envelope.Type]);
        WebSocketLog.MessageReceived(_settings.Logger, kind);
        switch (kind)
        {
            case WebSocketMessageKind.Next:
                return await RouteResultAsync(envelope, message).ConfigureAwait(false);
            case WebSocketMessageKind.Complete:
            case WebSocketMessageKind.Error:
                return RouteEnd(envelope, kind, message);
            case WebSocketMessageKind.ConnectionAck:
                if (!_session.TryAcknowledge())
                {
                    WebSocketLog.DuplicateAck(_settings.Logger);
                    return null;
                }

                _owner.OnAcknowledged(_session);

                return null;
            case WebSocketMessageKind.ConnectionError:
                return OnConnectionError(envelope, message);
            case WebSocketMessageKind.Ping:
                await _session
                    .SendAsync(WebSocketOutgoingMessage.Pong, null, _session.LifetimeToken)
                    .ConfigureAwait(false);
                await ReportKeepAliveAsync(GraphQLKeepAliveKind.Ping).ConfigureAwait(false);
                return null;
            case WebSocketMessageKind.Pong:
                _keepAlive.OnPong();
                await ReportKeepAliveAsync(GraphQLKeepAliveKind.Pong).ConfigureAwait(false);
                return null;
            case WebSocketMessageKind.KeepAlive:
                _keepAlive.ArmWatchdog();
                await ReportKeepAliveAsync(GraphQLKeepAliveKind.KeepAlive).ConfigureAwait(false);
                return null;
            default:
                return await OnUnknownTypeAsync(envelope, message).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Exception?> RouteResultAsync(
        WebSocketEnvelope envelope,
        ReadOnlyMemory<byte> message)
    {
        var operation = FindSubscribed(envelope);
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
            _session.Protocol.ResultMessageType);
        await operation
            .DeliverAsync(WebSocketOperationEvent.Received(result), _session.LifetimeToken)
            .ConfigureAwait(false);
        return null;
    }

    private Exception? RouteEnd(
        WebSocketEnvelope envelope,
        WebSocketMessageKind kind,
        ReadOnlyMemory<byte> message)
    {
        var operation = FindSubscribed(envelope);
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

    /// <summary>
    /// The operation the message's id names, if its subscribe went out on this socket: the
    /// server may not answer an operation before the client started it there.
    /// </summary>
    private WebSocketOperation? FindSubscribed(WebSocketEnvelope envelope)
    {
        var operation = envelope.HasId ? _owner.Find(envelope.NumericId) : null;
        return operation is not null && operation.WasSentOn(_session.Generation)
            ? operation
            : null;
    }

    private GraphQLWebSocketException? OnConnectionError(
        WebSocketEnvelope envelope,
        ReadOnlyMemory<byte> message)
    {
        if (_session.IsAcknowledged)
        {
            // After the acknowledgement the legacy server uses it for a message it could not
            // parse, which ends nothing.
            WebSocketLog.ConnectionErrorSkipped(_settings.Logger);
            return null;
        }

        var detail = WebSocketErrorPayload.Describe(message, envelope.Payload);
        detail = detail is null ? null : Redaction.MaskSecrets(detail, _session.Secrets);
        WebSocketLog.ConnectionRefused(_settings.Logger);
        var failure = new GraphQLWebSocketException(
            "The server refused the WebSocket connection" + (detail is null ? "." : $": {detail}"),
            closeDescription: detail)
        {
            IsConnectionError = true,
        };
        _session.RecordFailure(failure);

        // The legacy server closes with 1011 shortly after; closing first keeps the refusal
        // as the reason instead of a retryable-looking 1011.
        _session.MarkClosing();
        _ = _session.AnswerCloseAsync();
        return failure;
    }

    private async Task<Exception?> OnUnknownTypeAsync(
        WebSocketEnvelope envelope,
        ReadOnlyMemory<byte> message)
    {
        var type = envelope.TypeName(message.Span);
        var protocol = _session.Protocol;
        if (!protocol.UnknownTypeIsFatal)
        {
            WebSocketLog.UnknownTypeSkipped(_settings.Logger, type);
            return null;
        }

        return await _session.FailProtocolAsync(
            new GraphQLProtocolException(
                $"The server sent a message of type '{type}', which {protocol.SubProtocol} "
                    + "does not define.",
                type),
            (WebSocketCloseStatus)GraphQLTransportWsMessages.BadRequestCloseStatus)
            .ConfigureAwait(false);
    }

    private ValueTask ReportKeepAliveAsync(GraphQLKeepAliveKind kind) =>
        _owner.BroadcastAsync(
            WebSocketOperationEvent.KeepAliveReceived(kind),
            _session.LifetimeToken);
}
