using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace AioGraphQL.Client;

/// <summary>
/// Reads a session's socket one whole message at a time into one reused buffer, enforcing the
/// size limit, and hands each message to the router or turns the server's close into why the
/// socket ended.
/// </summary>
/// <remarks>
/// Limitation: a message is buffered whole before parsing, so one larger than
/// <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/> fails the socket.
/// </remarks>
internal sealed class WebSocketReceiver : IDisposable
{
    private const int ReceiveChunk = 4096;

    private readonly WebSocketSettings _settings;

    private readonly WebSocketSession _session;

    private readonly ClientWebSocket _socket;

    private readonly WebSocketMessageRouter _router;

    private readonly PooledBufferWriter _receiveBuffer = new(16 * 1024);

    public WebSocketReceiver(
        WebSocketSettings settings,
        WebSocketSession session,
        ClientWebSocket socket,
        WebSocketMessageRouter router)
    {
        _settings = settings;
        _session = session;
        _socket = socket;
        _router = router;
    }

    /// <summary>
    /// Receives and handles one message; returns why the socket ends, if it does.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Exception?> ReceiveOneAsync()
    {
        _receiveBuffer.Clear();
        while (true)
        {
            var result = await _socket
                .ReceiveAsync(_receiveBuffer.GetMemory(ReceiveChunk), _session.LifetimeToken)
                .ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return OnClose();
            }

            _receiveBuffer.Advance(result.Count);
            if (_receiveBuffer.WrittenCount > _settings.MaxMessageBytes)
            {
                return await _session.FailProtocolAsync(
                    new GraphQLProtocolException(
                        "The server sent a message over the "
                            + $"{_settings.MaxMessageBytes}-byte limit."),
                    WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
            }

            if (result.EndOfMessage)
            {
                return await _router.HandleAsync(_receiveBuffer.WrittenMemory)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>Returns the buffer; only once the receive loop has stopped touching it.</summary>
    public void Dispose() => _receiveBuffer.Dispose();

    private Exception? OnClose()
    {
        if (_session.IsClosing)
        {
            return WebSocketSession.ClosedByUs;
        }

        var status = (int?)_socket.CloseStatus ?? 1005;
        var description = _socket.CloseStatusDescription is { Length: > 0 } text
            ? Redaction.MaskSecrets(text, _session.Secrets)
            : null;
        var retryable = GraphQLWebSocketException.IsRetryableCloseStatus(status);
        WebSocketLog.ClosedByServer(_settings.Logger, status, retryable);

        // Answer the close so the server sees a clean close handshake.
        _ = _session.AnswerCloseAsync();
        return new GraphQLWebSocketException(
            $"The server closed the WebSocket with {status}"
                + (description is null ? "." : $": {description}"),
            status,
            description,
            GraphQLWebSocketException.IsRetryableCloseStatus(status));
    }
}
