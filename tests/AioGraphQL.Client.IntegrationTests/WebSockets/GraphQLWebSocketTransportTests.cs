using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// Which operations share a socket, against a scripted server.
/// </summary>
public sealed class GraphQLWebSocketTransportTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_HeaderNamesDifferOnlyInCase_ShareOneSocket()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        var first = PeerClients.CollectIntsAsync(
            client.SubscribeAsync(Counter, new GraphQLHeaders { ["X-Tenant"] = "a" }),
            "counter");
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            var firstId = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();

            // HTTP header names ignore case, so this is the same identity as the first.
            var second = PeerClients.CollectIntsAsync(
                client.SubscribeAsync(Counter, new GraphQLHeaders { ["x-tenant"] = "a" }),
                "counter");
            var secondId = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            var count = client.WebSocketConnectionCount;
            await connection.SendAsync(Complete(firstId));
            await connection.SendAsync(Complete(secondId));
            await Task.WhenAll(first, second).WaitAsync(s_limit);

            Assert.Equal(1, count);
            Assert.NotEqual(firstId, secondId);
        }
        finally
        {
            connection.Abort();
        }
    }
}
