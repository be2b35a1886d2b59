using System.Net;
using System.Net.Sockets;
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
            throw Describe(ex, socket, settings, offered);
        }

        var accepted = WebSocketProtocol.FromName(socket.SubProtocol);
        if (accepted is null)
        {
            WebSocketLog.ProtocolFallback(settings.Logger, settings.Fallback.SubProtocol);
        }

        return accepted;
    }

    private static GraphQLWebSocketException Describe(
        WebSocketException failure,
        ClientWebSocket socket,
        WebSocketSettings settings,
        IReadOnlyList<WebSocketProtocol> offered)
    {
        var endpoint = settings.DescribeEndpoint();
        if (failure.WebSocketErrorCode == WebSocketError.UnsupportedProtocol)
        {
            // The server will pick the same name again, so trying again cannot help.
            var names = string.Join(", ", offered.Select(p => p.SubProtocol));
            return new GraphQLWebSocketException(
                $"The server at {endpoint} accepted the upgrade with the sub-protocol "
                    + $"'{PickedProtocol(socket)}', which the client did not offer ({names}).",
                isRetryable: false,
                innerException: failure);
        }

        var status = socket.HttpStatusCode;
        if (status == 0)
        {
            return new GraphQLWebSocketException(
                $"The WebSocket upgrade to {endpoint} failed before a response arrived: "
                    + $"{Cause(failure)}.",
                isRetryable: true,
                innerException: failure);
        }

        var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        var detail = status == HttpStatusCode.SwitchingProtocols
            ? $" with an invalid HTTP 101 response ({failure.WebSocketErrorCode})."
            : $" with HTTP {(int)status}.";
        return new GraphQLWebSocketException(
            $"The WebSocket upgrade to {endpoint} failed" + detail,
            closeStatus: refused ? 4403 : null,
            isRetryable: !refused,
            innerException: failure);
    }

    /// <summary>
    /// The sub-protocol the server's response named, shortened and without control characters;
    /// a name, never a secret.
    /// </summary>
    private static string PickedProtocol(ClientWebSocket socket)
    {
        var headers = socket.HttpResponseHeaders;
        foreach (var (name, values) in headers ?? new Dictionary<string, IEnumerable<string>>())
        {
            if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                var picked = string.Join(", ", values);
                return new string([.. picked.Take(64).Select(c => char.IsControl(c) ? ' ' : c)]);
            }
        }

        return "unknown";
    }

    /// <summary>
    /// Why the connection could not be made, by error code only: the messages underneath may
    /// name the host or proxy, and the codes say what went wrong just as well.
    /// </summary>
    private static string Cause(WebSocketException failure)
    {
        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socketFailure)
            {
                return socketFailure.SocketErrorCode.ToString();
            }
        }

        for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException http
                && http.HttpRequestError != HttpRequestError.Unknown)
            {
                return http.HttpRequestError.ToString();
            }
        }

        return failure.InnerException is { } underneath
            ? underneath.GetType().Name
            : failure.WebSocketErrorCode.ToString();
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

        if (settings.HttpClient is not { } client)
        {
            return;
        }

        // An HttpClient used as the invoker adds its own default headers when it sends; sent
        // either way, their values are masked like the user headers'.
        var sent = new List<string>();
        foreach (var (name, values) in client.DefaultRequestHeaders)
        {
            var joined = string.Join(", ", values);
            sent.Add(joined);
            sent.AddRange(values);
            if (settings.Invoker is null && !set.Contains(name))
            {
                options.SetRequestHeader(name, joined);
            }
        }

        handshake.AddSentValues(sent);
    }
}
