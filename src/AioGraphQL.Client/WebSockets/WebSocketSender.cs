using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// The send path of one session: writes each outgoing message with the spoken sub-protocol into
/// one reused buffer and sends it whole, one message at a time.
/// </summary>
[SuppressMessage(
    "Reliability",
    "CA1001",
    Justification = "The send lock and buffer are left to the collector: the session's Dispose "
        + "does not wait for a send holding them, so releasing them there could race it.")]
internal sealed class WebSocketSender
{
    private static readonly JsonWriterOptions s_writerOptions = new() { SkipValidation = true };

    private readonly WebSocketSettings _settings;

    private readonly ClientWebSocket _socket;

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private readonly PooledBufferWriter _sendBuffer = new(1024);

    private readonly Utf8JsonWriter _writer;

    public WebSocketSender(WebSocketSettings settings, ClientWebSocket socket)
    {
        _settings = settings;
        _socket = socket;
        _writer = new Utf8JsonWriter(_sendBuffer, s_writerOptions);
    }

    /// <summary>
    /// Sends <c>connection_init</c> carrying <paramref name="payload"/>, empty when there is none.
    /// </summary>
    public async Task SendConnectionInitAsync(
        WebSocketProtocol protocol,
        byte[] payload,
        CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Begin();
            protocol.WriteConnectionInit(_writer, payload);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        WebSocketLog.ConnectionInitSent(_settings.Logger, payload.Length);
    }

    /// <summary>
    /// Sends one message of <paramref name="kind"/>; a pong or terminate the protocol lacks is
    /// skipped.
    /// </summary>
    public async Task SendAsync(
        WebSocketProtocol protocol,
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
                    protocol.WriteSubscribe(
                        _writer,
                        operation!.IdText,
                        operation.Request,
                        _settings.JsonOptions);
                    break;
                case WebSocketOutgoingMessage.Stop:
                    protocol.WriteStop(_writer, operation!.IdText);
                    break;
                case WebSocketOutgoingMessage.Ping:
                    protocol.WritePing(_writer);
                    break;
                case WebSocketOutgoingMessage.Pong:
                    if (!protocol.TryWritePong(_writer))
                    {
                        return;
                    }

                    break;
                case WebSocketOutgoingMessage.Terminate:
                    if (!protocol.TryWriteTerminate(_writer))
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
}
