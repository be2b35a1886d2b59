using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>One accepted socket, driven step by step by the test.</summary>
internal sealed class ScriptedConnection
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private readonly WebSocket _socket;

    public ScriptedConnection(WebSocket socket, IHeaderDictionary headers)
    {
        _socket = socket;
        UpgradeHeaders = headers.ToDictionary(h => h.Key, h => h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
    }

    public string? SubProtocol => _socket.SubProtocol;

    public IReadOnlyDictionary<string, string> UpgradeHeaders { get; }

    /// <summary>Completing it lets the server end the request.</summary>
    public TaskCompletionSource Finished { get; } = new();

    /// <summary>The close the client sent, once <see cref="ReceiveAsync"/> returned null.</summary>
    public WebSocketCloseStatus? ClientCloseStatus => _socket.CloseStatus;

    /// <summary>The next text message, or null when the client closed.</summary>
    public async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None)
                .WaitAsync(s_limit);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(text.ToArray());
            }
        }
    }

    /// <summary>Receives the next message and returns its parsed root.</summary>
    public async Task<JsonElement> ReceiveJsonAsync()
    {
        var text = await ReceiveAsync() ?? throw new InvalidOperationException("Client closed.");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Receives connection_init and acknowledges it; returns the init message.</summary>
    public async Task<JsonElement> AcceptInitAsync()
    {
        var init = await ReceiveJsonAsync();
        await SendAsync("{\"type\":\"connection_ack\"}");
        return init;
    }

    public Task SendAsync(string message) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true,
            CancellationToken.None).WaitAsync(s_limit);

    public Task CloseAsync(int code, string reason) =>
        _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None)
            .WaitAsync(s_limit);

    /// <summary>Answers the client's close, after it arrived through ReceiveAsync.</summary>
    public async Task FinishCloseAsync()
    {
        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null,
                CancellationToken.None).WaitAsync(s_limit);
        }

        Finished.TrySetResult();
    }

    /// <summary>Drops the connection without a close frame.</summary>
    public void Abort()
    {
        _socket.Abort();
        Finished.TrySetResult();
    }
}
