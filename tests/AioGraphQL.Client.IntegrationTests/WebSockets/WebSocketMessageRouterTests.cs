using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// How received messages reach their operations, against a scripted server.
/// </summary>
public sealed class WebSocketMessageRouterTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_NextBeforeSubscribeWasSent_IsSkipped()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        var run = Collect(client);
        var connection = await server.AcceptAsync();
        try
        {
            // Ids are numbered from 1 per client, so the server can name the operation before
            // the client has sent its subscribe, and before the acknowledgement.
            await connection.ReceiveJsonAsync();
            await connection.SendAsync(Next("1", 1));
            await connection.SendAsync("{\"type\":\"connection_ack\"}");
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            await connection.SendAsync(Next(id, 2));
            await connection.SendAsync(Complete(id));

            var values = await run.WaitAsync(s_limit);

            Assert.Equal("1", id);
            Assert.Equal([2], values);
        }
        finally
        {
            connection.Abort();
        }
    }
}
