using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client.IntegrationTests.DemoServer;

/// <summary>
/// A bare <see cref="ClientWebSocket"/> that sends and receives whole JSON messages, each
/// receive bounded by a timeout so a silent server fails the test instead of hanging it.
/// </summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;

    private RawWebSocket(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>The sub-protocol the server chose, or null when it chose none.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Connects, offering the given sub-protocols in order.</summary>
    public static async Task<RawWebSocket> ConnectAsync(
        Uri uri,
        IEnumerable<string> subProtocols,
        Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        foreach (var subProtocol in subProtocols)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(s_receiveTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawWebSocket(socket);
    }

    /// <summary>Sends one text message.</summary>
    public async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(s_receiveTimeout);
        await _socket.SendAsync(
            Encoding.UTF8.GetBytes(json),
            WebSocketMessageType.Text,
            endOfMessage: true,
            timeout.Token);
    }

    /// <summary>Receives the next message, failing if the server closes instead.</summary>
    public async Task<JsonElement> ReceiveJsonAsync()
    {
        var (text, closeStatus) = await ReceiveAsync();
        if (text is null)
        {
            throw new InvalidOperationException(
                $"Expected a message but the server closed with {closeStatus}: "
                + _socket.CloseStatusDescription);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Receives the next <paramref name="count"/> messages.</summary>
    public async Task<List<JsonElement>> ReceiveJsonAsync(int count)
    {
        var messages = new List<JsonElement>(count);
        for (var index = 0; index < count; index++)
        {
            messages.Add(await ReceiveJsonAsync());
        }

        return messages;
    }

    /// <summary>Receives the next <paramref name="count"/> messages other than <c>ka</c>.</summary>
    public async Task<List<JsonElement>> ReceiveJsonSkippingKeepAliveAsync(int count)
    {
        var messages = new List<JsonElement>(count);

        // Bounded: each receive has a timeout, and a server sending nothing but ka fails.
        for (var attempt = 0; attempt < count + 100 && messages.Count < count; attempt++)
        {
            var message = await ReceiveJsonAsync();
            if (message.GetProperty("type").GetString() != "ka")
            {
                messages.Add(message);
            }
        }

        return messages.Count == count
            ? messages
            : throw new InvalidOperationException("Only keep-alive messages arrived.");
    }

    /// <summary>
    /// Receives until the server's close frame, answers it, and returns its code and reason;
    /// messages that arrive first are returned as well.
    /// </summary>
    public async Task<(int? Code, string? Reason, List<JsonElement> Messages)> ReceiveCloseAsync()
    {
        var messages = new List<JsonElement>();

        // Bounded: each receive has a timeout, and a server that keeps talking fails the test.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (text, closeStatus) = await ReceiveAsync();
            if (text is null)
            {
                using var timeout = new CancellationTokenSource(s_receiveTimeout);
                await _socket.CloseOutputAsync(
                    WebSocketCloseStatus.NormalClosure,
                    null,
                    timeout.Token);
                return ((int?)closeStatus, _socket.CloseStatusDescription, messages);
            }

            using var document = JsonDocument.Parse(text);
            messages.Add(document.RootElement.Clone());
        }

        throw new InvalidOperationException("The server never closed the connection.");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(s_receiveTimeout);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (WebSocketException)
            {
                // The server went away first; there is nothing left to close.
            }
            catch (OperationCanceledException)
            {
                // The server did not answer in time; disposing aborts the socket.
            }
        }

        _socket.Dispose();
    }

    private async Task<(string? Text, WebSocketCloseStatus? CloseStatus)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(s_receiveTimeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];

        // Bounded by the timeout above, which cancels the receive.
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, result.CloseStatus);
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (Encoding.UTF8.GetString(buffer.ToArray()), null);
            }
        }
    }
}
