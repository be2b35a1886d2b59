using AioGraphQL.Client.IntegrationTests.Support;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// Clients aimed at a <see cref="ScriptedWebSocketServer"/>, and the frames and limits the
/// scripted tests share.
/// </summary>
internal static class ScriptedClients
{
    public const string TransportWs = "graphql-transport-ws";

    public const string Counter = "subscription { counter }";

    /// <summary>The most a step that should happen may take.</summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromSeconds(20);

    /// <summary>The most a step that should happen at once may take.</summary>
    public static TimeSpan Short { get; } = TimeSpan.FromSeconds(5);

    public static Task<List<int>> Collect(GraphQLClient client) =>
        PeerClients.CollectIntsAsync(client.SubscribeAsync(Counter), "counter");

    public static string Next(string? id, int value) =>
        $"{{\"type\":\"next\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":{value}}}}}}}";

    public static string Complete(string? id) => $"{{\"type\":\"complete\",\"id\":\"{id}\"}}";

    public static GraphQLClient Create(
        ScriptedWebSocketServer server,
        Action<GraphQLClientOptions>? configure = null,
        RecordingLogger? logger = null)
    {
        var options = new GraphQLClientOptions { Endpoint = server.HttpEndpoint };
        configure?.Invoke(options);
        return new GraphQLClient(options, logger: logger);
    }
}
