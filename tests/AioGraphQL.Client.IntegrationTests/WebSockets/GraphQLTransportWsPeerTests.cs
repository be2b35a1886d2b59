using System.Text.Json;
using AioGraphQL.Client.IntegrationTests.Peers;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>The client against graphql-ws's reference server (graphql-transport-ws).</summary>
[Collection(GraphQLWsPeerCollectionDefinition.Name)]
public sealed class GraphQLTransportWsPeerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private readonly NodePeer _peer;

    public GraphQLTransportWsPeerTests(GraphQLWsPeerFixture fixture)
    {
        _peer = fixture.Peer;
    }

    [Fact]
    public async Task SubscribeAsync_Counter_YieldsEveryResultInOrderThenEnds()
    {
        await using var client = PeerClients.Create(_peer);

        var values = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 5) }"), "counter");

        Assert.Equal([1, 2, 3, 4, 5], values);
    }

    [Fact]
    public async Task SubscribeAsync_Query_YieldsTheSingleResult()
    {
        await using var client = PeerClients.Create(_peer);

        var results = new List<string?>();
        await foreach (var response in client.SubscribeAsync("{ hello(name: \"ws\") }"))
        {
            using (response)
            {
                results.Add(response.Data.GetProperty("hello").GetString());
            }
        }

        Assert.Equal(["Hello, ws!"], results);
    }

    [Fact]
    public async Task SubscribeAsync_ServerErrorAfterItems_ThrowsGraphQLResponseExceptionAfterThem()
    {
        await using var client = PeerClients.Create(_peer);
        var values = new List<int>();

        var failure = await Assert.ThrowsAsync<GraphQLResponseException>(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                "subscription { failAfter(count: 2) }"))
            {
                using (response)
                {
                    values.Add(response.Data.GetProperty("failAfter").GetInt32());
                }
            }
        });

        Assert.Equal([1, 2], values);
        Assert.Equal("PEER_ERROR", failure.Errors[0].Code);
    }

    [Fact]
    public async Task SubscribeAsync_HeadersTopLevel_ServerReceivesHeadersAsPayloadKeys()
    {
        var headers = new GraphQLHeaders
        {
            ["Authorization"] = "Bearer abc",
            ["X-API-Key"] = "key-1",
        };
        await using var client = PeerClients.Create(_peer, headers: headers);

        var payload = await PeerClients.FirstStringAsync(
            client.SubscribeAsync("{ connectionParams }"), "connectionParams");

        Assert.Equal("{\"Authorization\":\"Bearer abc\",\"X-API-Key\":\"key-1\"}", payload);
    }
}
