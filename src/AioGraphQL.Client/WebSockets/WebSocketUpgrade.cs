using System.Net;
using System.Net.WebSockets;

namespace AioGraphQL.Client;

/// <summary>
/// The HTTP upgrade that opens a session's socket: the offered sub-protocols, the upgrade
/// headers, and what a refused or failed upgrade means to the caller.
/// </summary>
internal static class WebSocketUpgrade
{
    /// <summary>
    /// Connects <paramref name="socket"/>; returns the sub-protocol the server named, or null.
    /// </summary>
    /// <exception cref="GraphQLWebSocketException">The upgrade failed.</exception>
    public static async Task<WebSocketProtocol?> ConnectAsync(
        ClientWebSocket socket,
        WebSocketSettings settings,
        WebSocketHandshake handshake,
        IReadOnlyList<WebSocketProtocol> offered,
        CancellationToken cancellationToken)
    {
        var options = socket.Options;
        foreach (var protocol in offered)
        {
            options.AddSubProtocol(protocol.SubProtocol);
        }

        options.CollectHttpResponseDetails = true;
        CopyHeaders(settings, handshake, options);

        WebSocketLog.Connecting(settings.Logger, settings.DescribeEndpoint(), offered.Count);
        try
        {
            await socket.ConnectAsync(settings.Endpoint, settings.Invoker, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            var status = socket.HttpStatusCode;
            var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
            throw new GraphQLWebSocketException(
                $"The WebSocket upgrade to {settings.DescribeEndpoint()} failed"
                    + (status == 0 ? $": {ex.WebSocketErrorCode}." : $" with HTTP {(int)status}."),
                closeStatus: refused ? 4403 : null,
                isRetryable: !refused,
                innerException: ex);
        }

        var accepted = WebSocketProtocol.FromName(socket.SubProtocol);
        if (accepted is null)
        {
            WebSocketLog.ProtocolFallback(settings.Logger, settings.Fallback.SubProtocol);
        }

        return accepted;
    }

    private static void CopyHeaders(
        WebSocketSettings settings,
        WebSocketHandshake handshake,
        ClientWebSocketOptions options)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (settings.SendHeadersOnUpgrade)
        {
            foreach (var (name, value) in handshake.Headers)
            {
                options.SetRequestHeader(name, value);
                set.Add(name);
            }
        }

        // An HttpClient used as the invoker adds its own default headers when it sends.
        if (settings.HttpClient is { } client && settings.Invoker is null)
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
}
