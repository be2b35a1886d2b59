using System.Net.WebSockets;
using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// How a session reads frames and closes, against a scripted server.
/// </summary>
public sealed class WebSocketReceiverTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_BinaryFrame_ThrowsProtocolExceptionAndCloses4400()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        var run = Collect(client);
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();

            // A valid result, but in a binary frame, which neither sub-protocol allows.
            await connection.SendBinaryAsync(Next(id, 1));
            var failure = await Assert.ThrowsAsync<GraphQLProtocolException>(
                () => run.WaitAsync(s_limit));
            var closed = await connection.ReceiveAsync();

            Assert.Contains("binary", failure.Message, StringComparison.Ordinal);
            Assert.Null(closed);
            Assert.Equal((WebSocketCloseStatus)4400, connection.ClientCloseStatus);
        }
        finally
        {
            connection.Abort();
        }
    }
}
