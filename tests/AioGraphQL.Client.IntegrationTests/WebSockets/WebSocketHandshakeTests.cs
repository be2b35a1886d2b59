using AioGraphQL.Client.IntegrationTests.Support;
using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// What a connect sends, and that every value it sent is masked in what the server echoes.
/// </summary>
public sealed class WebSocketHandshakeTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_ServerEchoesPayloadFactorySecretInClose_MasksIt()
    {
        const string token = "factory-SECRET-2b7d";
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var logger = new RecordingLogger();
        await using var client = Create(server, logger: logger, configure: o =>
            o.WebSocket.PayloadFactory = (_, _) =>
                ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(
                    new Dictionary<string, object?> { ["authToken"] = token }));

        var run = Collect(client);
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            await connection.ReceiveJsonAsync();
            await connection.CloseAsync(4403, "invalid authToken " + token);
            var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
                () => run.WaitAsync(s_limit));

            var everything = string.Join("\n", logger.Lines) + failure + failure.CloseDescription;
            Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
        }
        finally
        {
            connection.Abort();
        }
    }

    [Fact]
    public async Task SubscribeAsync_ServerEchoesHttpClientDefaultHeaderInClose_MasksIt()
    {
        const string apiKey = "httpkey-SECRET-91c0";
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var logger = new RecordingLogger();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        await using var client = new GraphQLClient(
            new GraphQLClientOptions { Endpoint = server.HttpEndpoint },
            http,
            logger);

        var run = Collect(client);
        var connection = await server.AcceptAsync();
        try
        {
            Assert.Equal(apiKey, connection.UpgradeHeaders["X-API-Key"]);
            await connection.AcceptInitAsync();
            await connection.ReceiveJsonAsync();
            await connection.CloseAsync(4403, "unknown key " + apiKey);
            var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
                () => run.WaitAsync(s_limit));

            var everything = string.Join("\n", logger.Lines) + failure + failure.CloseDescription;
            Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
        }
        finally
        {
            connection.Abort();
        }
    }
}
