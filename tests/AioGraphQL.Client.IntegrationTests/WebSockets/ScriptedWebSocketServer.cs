using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// A Kestrel WebSocket endpoint on 127.0.0.1 whose every connection runs a script the test
/// writes, for what no reference server does on demand: invalid JSON, unknown types, results
/// for unknown ids, a reconnect that behaves, a peer that vanishes.
/// </summary>
internal sealed class ScriptedWebSocketServer : IAsyncDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private readonly Channel<ScriptedConnection> _connections =
        Channel.CreateUnbounded<ScriptedConnection>();

    private ScriptedWebSocketServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Endpoint { get; private set; } = new("ws://127.0.0.1/");

    public Uri HttpEndpoint => new UriBuilder(Endpoint) { Scheme = "http" }.Uri;

    /// <summary>Starts the server; <paramref name="subProtocol"/> picks what it accepts.</summary>
    public static async Task<ScriptedWebSocketServer> StartAsync(
        Func<IList<string>, string?> subProtocol)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedWebSocketServer(app);
        app.UseWebSockets();
        app.Map("/graphql", async context =>
        {
            var chosen = subProtocol(context.WebSockets.WebSocketRequestedProtocols);
            using var socket = await context.WebSockets.AcceptWebSocketAsync(chosen);
            var connection = new ScriptedConnection(socket, context.Request.Headers);
            await server._connections.Writer.WriteAsync(connection);
            await connection.Finished.Task.WaitAsync(s_limit).ConfigureAwait(false);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(new UriBuilder(address) { Scheme = "ws" }.Uri, "graphql");
        return server;
    }

    /// <summary>Waits for the next client connection.</summary>
    public Task<ScriptedConnection> AcceptAsync() =>
        _connections.Reader.ReadAsync().AsTask().WaitAsync(s_limit);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
