using System.Net.WebSockets;
using System.Text.Json;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// A bare <see cref="ClientWebSocket"/> that sends and receives JSON text messages, for
/// checking the peers' wire behaviour without going through the library under test.
/// </summary>
public sealed class RawWebSocketSession : IAsyncDisposable
{
    /// <summary>The largest message accepted; peers' messages are far smaller.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;

    private RawWebSocketSession(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>The close code the server sent, once a close frame has been received.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>The reason the server sent with its close frame.</summary>
    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>The sub-protocol the server agreed to.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Opens a WebSocket offering one sub-protocol.</summary>
    /// <param name="endpoint">A peer's <c>ws://127.0.0.1</c> endpoint.</param>
    /// <param name="subProtocol">The sub-protocol to offer.</param>
    /// <param name="cancellationToken">Abandons the handshake.</param>
    /// <returns>The open session.</returns>
    /// <exception cref="WebSocketException">The handshake failed.</exception>
    public static async Task<RawWebSocketSession> ConnectAsync(
        Uri endpoint,
        string subProtocol,
        CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawWebSocketSession(socket);
    }

    /// <summary>Sends one text message holding <paramref name="message"/> as JSON.</summary>
    /// <param name="message">
    /// Any value System.Text.Json can serialize, e.g. an anonymous object.
    /// </param>
    /// <param name="cancellationToken">Abandons the send.</param>
    /// <returns>A task that completes once the message is handed to the socket.</returns>
    public Task SendAsync(object message, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        return _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
    }

    /// <summary>
    /// Receives the next message as JSON, or null once the server has closed the socket; the
    /// close code is then in <see cref="CloseStatus"/>.
    /// </summary>
    /// <param name="cancellationToken">Abandons the receive.</param>
    /// <returns>The message, or null after a close frame.</returns>
    /// <exception cref="WebSocketException">
    /// The connection ended without a close frame.
    /// </exception>
    /// <exception cref="InvalidDataException">The message exceeded MaxMessageBytes.</exception>
    public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];

        // Bounded by MaxMessageBytes: every iteration adds at least one byte or ends.
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync(cancellationToken);
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxMessageBytes)
            {
                throw new InvalidDataException(
                    $"A message from the peer exceeded {MaxMessageBytes} bytes.");
            }
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>
    /// Receives messages until one has the given <c>type</c>, failing on any other type so a
    /// test notices unexpected traffic.
    /// </summary>
    /// <param name="type">The expected message type, e.g. <c>connection_ack</c>.</param>
    /// <param name="cancellationToken">Abandons the receive.</param>
    /// <returns>The message.</returns>
    /// <exception cref="InvalidOperationException">
    /// The socket closed, or a message of another type arrived.
    /// </exception>
    public async Task<JsonElement> ReceiveTypeAsync(
        string type,
        CancellationToken cancellationToken = default)
    {
        var message = await ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException(
            $"The peer closed with {CloseStatus} '{CloseStatusDescription}' instead of {type}.");
        var actual = message.GetProperty("type").GetString();
        if (actual != type)
        {
            throw new InvalidOperationException(
                $"Expected a {type} message but received {message.GetRawText()}.");
        }
        return message;
    }

    /// <summary>Closes the socket without waiting on the server.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AnswerCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State == WebSocketState.CloseReceived)
        {
            // Completing the closing handshake lets the server see a clean close.
            await _socket.CloseOutputAsync(
                WebSocketCloseStatus.NormalClosure,
                null,
                cancellationToken);
        }
    }
}
