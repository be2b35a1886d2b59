using AioGraphQL.DemoServer.WebSockets;

namespace AioGraphQL.DemoServer;

/// <summary>
/// Settings for one <see cref="DemoServerHost"/>: where it listens, how long its tokens live,
/// which clock it reads and which WebSocket sub-protocols it speaks.
/// </summary>
public sealed class DemoServerOptions
{
    /// <summary>The loopback port to listen on.</summary>
    /// <value>Defaults to 0, which lets the operating system pick a free port.</value>
    public int Port { get; init; }

    /// <summary>How long a token from <c>/token</c> lives when the request names no TTL.</summary>
    /// <value>Defaults to five minutes.</value>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The clock and timers behind token expiry, the <c>slow</c> field, subscription delays,
    /// the WebSocket initialisation timeout and legacy keep-alive messages. Pass a fake provider
    /// to control all of them from a test.
    /// </summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The WebSocket sub-protocols the server accepts, most preferred first. The server picks the
    /// first of these that the client offered.
    /// </summary>
    /// <value>Defaults to <c>graphql-transport-ws</c>, then <c>graphql-ws</c>.</value>
    public string[] WebSocketSubProtocols { get; init; } =
        [SubProtocolNames.GraphQLTransportWs, SubProtocolNames.GraphQLWs];
}
