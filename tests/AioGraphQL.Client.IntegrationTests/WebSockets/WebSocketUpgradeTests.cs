using System.Net;
using System.Net.Sockets;
using AioGraphQL.Client.IntegrationTests.Support;
using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// The HTTP upgrade that opens a socket: sub-protocol negotiation and what a failed upgrade reports.
/// </summary>
public sealed class WebSocketUpgradeTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_ServerPicksSubProtocolNotOffered_FailsOnceNotRetryable()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => "graphql-foo");
        var logger = new RecordingLogger();
        await using var client = Create(server, logger: logger, configure: o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(5);
        });

        var run = Collect(client);
        var upgrades = 0;
        try
        {
            var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
                () => run.WaitAsync(s_limit));

            // The server will pick the same unoffered name every time; this was reported as
            // "upgrade failed with HTTP 101", retryable, and the client upgraded six times.
            Assert.False(failure.IsRetryable);
            Assert.Contains("'graphql-foo'", failure.Message, StringComparison.Ordinal);
            Assert.Equal(
                1,
                logger.Lines.Count(l => l.Contains("[2000]", StringComparison.Ordinal)));
        }
        finally
        {
            // Release the server side of every upgrade it accepted (at most six).
            for (; upgrades < 10; upgrades++)
            {
                try
                {
                    (await server.AcceptAsync().WaitAsync(TimeSpan.FromMilliseconds(300))).Abort();
                }
                catch (TimeoutException)
                {
                    break;
                }
            }
        }
    }

    [Fact]
    public async Task SubscribeAsync_ConnectionRefused_MessageNamesTheCause()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new GraphQLClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/graphql"),
        };
        await using var client = new GraphQLClient(options);

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
            () => Collect(client).WaitAsync(s_limit));

        // This said only "failed: Faulted.", which does not tell a refused connection apart.
        Assert.Contains("ConnectionRefused", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.IsRetryable);
    }
}
