using AioGraphQL.Client.IntegrationTests.Peers;
using Microsoft.Extensions.Logging;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>Builds clients aimed at a peer's WebSocket endpoint and reads their streams.</summary>
internal static class PeerClients
{
    public static GraphQLClient Create(
        NodePeer peer,
        string? query = null,
        GraphQLHeaders? headers = null,
        Action<GraphQLClientOptions>? configure = null,
        ILogger<GraphQLClient>? logger = null)
    {
        var options = new GraphQLClientOptions
        {
            Endpoint = peer.HttpEndpoint,
            Headers = headers ?? new GraphQLHeaders(),
        };
        options.WebSocket.Endpoint = query is null
            ? peer.WebSocketEndpoint
            : peer.WebSocketEndpointWith(query);
        configure?.Invoke(options);
        return new GraphQLClient(options, logger: logger);
    }

    public static async Task<List<int>> CollectIntsAsync(
        IAsyncEnumerable<GraphQLResponse> stream,
        string field)
    {
        var values = new List<int>();
        await foreach (var response in stream)
        {
            using (response)
            {
                values.Add(response.Data.GetProperty(field).GetInt32());
            }
        }

        return values;
    }

    public static async Task<List<string>> CollectStringsAsync(
        IAsyncEnumerable<GraphQLResponse> stream,
        string field)
    {
        var values = new List<string>();
        await foreach (var response in stream)
        {
            using (response)
            {
                values.Add(response.Data.GetProperty(field).GetString() ?? "<null>");
            }
        }

        return values;
    }

    public static async Task<string?> FirstStringAsync(
        IAsyncEnumerable<GraphQLResponse> stream,
        string field)
    {
        await foreach (var response in stream)
        {
            using (response)
            {
                return response.Data.GetProperty(field).GetString();
            }
        }

        return null;
    }
}
