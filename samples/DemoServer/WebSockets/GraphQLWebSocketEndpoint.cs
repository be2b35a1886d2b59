using System.Net.WebSockets;
using AioGraphQL.DemoServer.Auth;
using AioGraphQL.DemoServer.Execution;
using Microsoft.AspNetCore.Http;

namespace AioGraphQL.DemoServer.WebSockets;

/// <summary>
/// Accepts GraphQL WebSocket connections, choosing the sub-protocol by the server's
/// preference among those the client offered, and hands each to its protocol's session.
/// </summary>
/// <remarks>
/// A client that offers no sub-protocol at all is accepted without one and spoken to in the
/// legacy graphql-ws protocol, as early clients expect, provided that protocol is enabled. A
/// client whose offers all go unmatched gets 400. Credentials are not checked at the upgrade:
/// the connection_init message decides, using the upgrade's headers when its payload has none.
/// </remarks>
internal sealed class GraphQLWebSocketEndpoint
{
    // Short, so that disposing a host in a test is quick even if a client never answers.
    private static readonly TimeSpan s_shutdownHandshakeTimeout = TimeSpan.FromSeconds(1);

    private readonly SessionServices _services;

    private readonly string[] _subProtocols;

    private readonly CancellationToken _serverStopping;

    /// <summary>Creates the endpoint.</summary>
    /// <param name="runtime">Runs operations.</param>
    /// <param name="authenticator">Checks connection credentials.</param>
    /// <param name="options">The sub-protocols to accept and the clock to use.</param>
    /// <param name="serverStopping">Fires when the host shuts down.</param>
    public GraphQLWebSocketEndpoint(
        GraphQLRuntime runtime,
        Authenticator authenticator,
        DemoServerOptions options,
        CancellationToken serverStopping)
    {
        _services = new SessionServices(
            runtime,
            new OperationRunner(runtime),
            new ProtocolMessageWriter(runtime.Serializer),
            authenticator,
            options.TimeProvider);
        _subProtocols = [.. options.WebSocketSubProtocols];
        _serverStopping = serverStopping;
    }

    /// <summary>Upgrades the request and serves the connection until it closes.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = ChooseSubProtocol(offered);
        if (protocol is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var supported = string.Join(", ", _subProtocols);
            await context.Response.WriteAsync(
                $"No offered sub-protocol is supported; offer one of: {supported}",
                context.RequestAborted);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(
            offered.Count == 0 ? null : protocol);
        using var connection = new WebSocketConnection(socket, context.RequestAborted);
        var shutdownClose = Task.CompletedTask;
        using (_serverStopping.Register(() => shutdownClose = connection.CloseAsync(
            1001,
            "The server is shutting down",
            s_shutdownHandshakeTimeout)))
        {
            await RunSessionAsync(context, protocol, connection);
        }

        // Disposing the registration above waited for its callback, so no close can start
        // now; one already started must finish before the connection is disposed.
        await IgnoringDisconnectsAsync(shutdownClose);
    }

    private async Task RunSessionAsync(
        HttpContext context,
        string protocol,
        WebSocketConnection connection)
    {
        var headers = RequestHeaders.From(context.Request.Headers);
        if (protocol == SubProtocolNames.GraphQLTransportWs)
        {
            var session = new GraphQLTransportWsSession(connection, headers, _services);
            await IgnoringDisconnectsAsync(session.RunAsync(context.RequestAborted));
        }
        else
        {
            var session = new GraphQLWsSession(connection, headers, _services);
            await IgnoringDisconnectsAsync(session.RunAsync(context.RequestAborted));
        }
    }

    private static async Task IgnoringDisconnectsAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (WebSocketException)
        {
            // The peer dropped the connection; there is no one left to tell.
        }
        catch (OperationCanceledException)
        {
            // The connection was aborted, or the peer never answered our close frame.
        }
    }

    private string? ChooseSubProtocol(IList<string> offered)
    {
        if (offered.Count == 0)
        {
            return _subProtocols.Contains(SubProtocolNames.GraphQLWs)
                ? SubProtocolNames.GraphQLWs
                : null;
        }

        return _subProtocols.FirstOrDefault(
            protocol => offered.Contains(protocol, StringComparer.Ordinal));
    }
}
