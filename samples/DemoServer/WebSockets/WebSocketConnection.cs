using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// One accepted WebSocket: whole-message receives with a size limit, sends serialised by a lock
/// so concurrent operations never interleave frames, and a close handshake with a time limit.
/// </summary>
internal sealed class WebSocketConnection : IDisposable
{
    /// <summary>The largest message the server reads, in bytes.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>How long a peer gets to answer our close frame unless a call says.</summary>
    public static readonly TimeSpan DefaultCloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;

    private readonly CancellationToken _connectionAborted;

    private readonly CancellationTokenSource _receiveCancellation;

    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private int _closeSent;

    /// <summary>Wraps an accepted socket.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="connectionAborted">Fires when the underlying connection is gone.</param>
    public WebSocketConnection(WebSocket socket, CancellationToken connectionAborted)
    {
        _socket = socket;
        _connectionAborted = connectionAborted;
        _receiveCancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionAborted);
    }

    /// <summary>Whether the server has sent its close frame; later sends are dropped.</summary>
    public bool IsCloseSent => Volatile.Read(ref _closeSent) == 1;

    /// <summary>
    /// Hands each frame to <paramref name="handle"/> until the peer's close frame arrives,
    /// answers it with 1000, and returns. Once our own close is out, frames are only drained.
    /// Throws when the connection drops or the close handshake times out.
    /// </summary>
    public async Task ReceiveUntilClosedAsync(
        Func<ReceivedFrame, CancellationToken, Task> handle,
        CancellationToken sessionToken)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (frame.Status == ReceiveStatus.Closed)
            {
                await CloseAsync(1000, "Normal closure");
                return;
            }

            if (!IsCloseSent)
            {
                await handle(frame, sessionToken);
            }
        }
    }

    /// <summary>Reads the next whole message.</summary>
    /// <returns>The message, or a status saying why there is no usable text.</returns>
    /// <exception cref="OperationCanceledException">
    /// The connection was aborted, or the peer did not answer our close frame in time.
    /// </exception>
    /// <exception cref="WebSocketException">The peer broke the connection.</exception>
    public async Task<ReceivedFrame> ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);

        // Each pass consumes one fragment from the network, and the size check ends the loop
        // once MaxMessageBytes have arrived, so a peer cannot keep it going for free.
        while (true)
        {
            var result = await _socket.ReceiveAsync(
                buffer.GetMemory(4096),
                _receiveCancellation.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new ReceivedFrame(ReceiveStatus.Closed, string.Empty);
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > MaxMessageBytes)
            {
                return new ReceivedFrame(ReceiveStatus.TooLarge, string.Empty);
            }

            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text
                    ? new(ReceiveStatus.Text, Encoding.UTF8.GetString(buffer.WrittenSpan))
                    : new(ReceiveStatus.Binary, string.Empty);
            }
        }
    }

    /// <summary>Sends one text message, unless the connection is closing or gone.</summary>
    /// <param name="utf8Message">The message as UTF-8 JSON.</param>
    /// <returns>Whether the message was sent.</returns>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> utf8Message)
    {
        await _sendLock.WaitAsync(_connectionAborted);
        try
        {
            if (IsCloseSent || _socket.State != WebSocketState.Open)
            {
                return false;
            }

            // The connection's token, not an operation's: cancelling a send part-way would
            // abort the whole socket.
            await _socket.SendAsync(
                utf8Message,
                WebSocketMessageType.Text,
                endOfMessage: true,
                _connectionAborted);
            return true;
        }
        catch (WebSocketException)
        {
            // The peer is gone; the receive loop will notice and end the session.
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends the close frame once, then gives the peer a little time to answer before the
    /// pending receive is cancelled.
    /// </summary>
    /// <param name="closeCode">The close code, such as 4403.</param>
    /// <param name="reason">The close reason; cut to the 123 bytes a close frame allows.</param>
    /// <param name="handshakeTimeout">
    /// How long the peer gets to answer; <see cref="DefaultCloseHandshakeTimeout"/> when null.
    /// </param>
    public async Task CloseAsync(int closeCode, string reason, TimeSpan? handshakeTimeout = null)
    {
        await _sendLock.WaitAsync(_connectionAborted);
        try
        {
            if (Interlocked.Exchange(ref _closeSent, 1) == 1)
            {
                return;
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(
                    (WebSocketCloseStatus)closeCode,
                    TruncateReason(reason),
                    _connectionAborted);
            }

            // Real time on purpose: this bounds how long a silent peer can hold the socket
            // after our close frame, which is network hygiene rather than protocol timing.
            _receiveCancellation.CancelAfter(handshakeTimeout ?? DefaultCloseHandshakeTimeout);
        }
        catch (WebSocketException)
        {
            // The peer is gone already, which is what closing wanted.
            _receiveCancellation.Cancel();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The send lock is left alone: it owns no handle, and an operation that outlived its
        // connection may still try a send, which must fail quietly rather than throw.
        _receiveCancellation.Dispose();
    }

    private static string TruncateReason(string reason)
    {
        const int MaxReasonBytes = 123;
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxReasonBytes)
        {
            length--;
        }

        return reason[..length];
    }
}
