using System.Net;
using System.Net.Sockets;
using AioGraphQL.Client.IntegrationTests.Support;
using AioGraphQL.Client.IntegrationTests.WebSockets;

namespace AioGraphQL.Client.IntegrationTests.Breaking;

/// <summary>
/// Defects found by the second break-it pass over WebSocket subscriptions. Each test fails on
/// the current code for the reason its name gives and passes once that is fixed.
/// </summary>
public sealed class SubscriptionBreakingTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan s_short = TimeSpan.FromSeconds(5);

    private const string TransportWs = "graphql-transport-ws";

    private const string Counter = "subscription { counter }";

    [Fact]
    public async Task SubscribeAsync_ServerPicksSubProtocolNotOffered_FailsOnceAsNotRetryable()
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

            // The server will pick the same unoffered name every time; today this is reported as
        // "upgrade failed with HTTP 101", retryable, and the client upgrades six times.
            Assert.False(failure.IsRetryable);
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

    private static Task<List<int>> Collect(GraphQLClient client) =>
        PeerClients.CollectIntsAsync(client.SubscribeAsync(Counter), "counter");

    private static string Next(string? id, int value) =>
        $"{{\"type\":\"next\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":{value}}}}}}}";

    private static string Complete(string? id) => $"{{\"type\":\"complete\",\"id\":\"{id}\"}}";

    private static GraphQLClient Create(
        ScriptedWebSocketServer server,
        Action<GraphQLClientOptions>? configure = null,
        RecordingLogger? logger = null)
    {
        var options = new GraphQLClientOptions { Endpoint = server.HttpEndpoint };
        configure?.Invoke(options);
        return new GraphQLClient(options, logger: logger);
    }
}
