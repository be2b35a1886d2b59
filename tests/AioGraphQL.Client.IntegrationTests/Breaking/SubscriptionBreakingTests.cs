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
