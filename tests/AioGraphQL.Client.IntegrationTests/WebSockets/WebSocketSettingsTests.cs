using System.Net;
using System.Net.Sockets;
using AioGraphQL.Client.IntegrationTests.Support;
using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// What the WebSocket settings show of the endpoint in logs and exception messages.
/// </summary>
public sealed class WebSocketSettingsTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    [Fact]
    public async Task SubscribeAsync_EndpointWithUserInfo_PasswordNeverInLogsOrMessages()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var logger = new RecordingLogger();
        var options = new GraphQLClientOptions
        {
            Endpoint = new Uri($"http://alice:pw-SECRET-3a@127.0.0.1:{port}/graphql"),
        };
        await using var client = new GraphQLClient(options, logger: logger);

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
            () => Collect(client).WaitAsync(s_limit));

        var everything = string.Join("\n", logger.Lines) + failure;
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
    }
}
