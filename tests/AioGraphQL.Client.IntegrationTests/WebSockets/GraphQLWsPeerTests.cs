using System.Text.Json;
using AioGraphQL.Client.IntegrationTests.Peers;
using AioGraphQL.Client.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>The client against subscriptions-transport-ws's server (legacy graphql-ws).</summary>
[Collection(SubscriptionsTransportWsPeerCollectionDefinition.Name)]
public sealed class GraphQLWsPeerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private readonly NodePeer _peer;

    public GraphQLWsPeerTests(SubscriptionsTransportWsPeerFixture fixture)
    {
        _peer = fixture.Peer;
    }

    [Fact]
    public async Task SubscribeAsync_Counter_NegotiatesLegacyAndYieldsEveryResult()
    {
        var logger = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, logger: logger);

        var values = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 4) }"), "counter");

        Assert.Equal([1, 2, 3, 4], values);
        Assert.Contains(
            logger.Lines,
            l => l.Contains("speaking graphql-ws,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscribeAsync_Query_YieldsTheResultThenCompletes()
    {
        await using var client = PeerClients.Create(_peer);

        var values = await PeerClients.CollectStringsAsync(
            client.SubscribeAsync("{ hello }"), "hello");

        Assert.Equal(["Hello, world!"], values);
    }

    [Fact]
    public async Task SubscribeAsync_ServerErrorAfterItems_ThrowsWithTheSingleErrorObject()
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
        Assert.Equal("PEER_ERROR", Assert.Single(failure.Errors).Code);
    }

    [Fact]
    public async Task SubscribeAsync_InvalidDocument_YieldsAResponseWithErrorsThenEnds()
    {
        await using var client = PeerClients.Create(_peer);

        var errors = new List<int>();
        await foreach (var response in client.SubscribeAsync("subscription { nope }"))
        {
            using (response)
            {
                errors.Add(response.Errors.Count);
            }
        }

        Assert.Equal([1], errors);
    }

    [Theory]
    [InlineData(GraphQLConnectionPayloadShape.TopLevel, "{\"Authorization\":\"Bearer abc\"}")]
    [InlineData(GraphQLConnectionPayloadShape.HeadersObject,
        "{\"headers\":{\"Authorization\":\"Bearer abc\"}}")]
    public async Task SubscribeAsync_PayloadShape_ServerReceivesThatShape(
        GraphQLConnectionPayloadShape shape,
        string expected)
    {
        await using var client = PeerClients.Create(_peer,
            headers: new GraphQLHeaders { ["Authorization"] = "Bearer abc" },
            configure: o => o.WebSocket.PayloadShape = shape);

        var payload = await PeerClients.FirstStringAsync(
            client.SubscribeAsync("{ connectionParams }"), "connectionParams");

        Assert.Equal(expected, payload);
    }

    [Fact]
    public async Task SubscribeAsync_RefusedCredential_ThrowsRefusalWithoutCloseCode()
    {
        await using var client = PeerClients.Create(_peer, query: "auth=Bearer%20good",
            headers: new GraphQLHeaders { ["Authorization"] = "Bearer bad" });

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync("subscription { counter(to: 2) }"), "counter"));

        Assert.True(failure.IsRefusal);
        Assert.Null(failure.CloseStatus);
        Assert.Equal("Prohibited connection!", failure.CloseDescription);
    }

    [Fact]
    public async Task SubscribeAsync_ProviderValueRefused_RetriesWithRefreshedValue()
    {
        var calls = 0;
        await using var client = PeerClients.Create(_peer, query: "auth=Bearer%20fresh",
            configure: o => o.AuthorizationProvider = (context, _) =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult<string?>(
                    context.IsRefresh ? "Bearer fresh" : "Bearer stale");
            });

        var values = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");

        Assert.Equal([1, 2], values);
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(1001, true)]
    [InlineData(1011, true)]
    [InlineData(4400, false)]
    [InlineData(4403, false)]
    public async Task SubscribeAsync_ServerClosesMidStream_ThrowsGraphQLWebSocketException(
        int code,
        bool retryable)
    {
        await using var client = PeerClients.Create(_peer);

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync(
                    $"subscription {{ closeAfter(count: 1, code: {code}, reason: \"r\") }}"),
                "closeAfter"));

        Assert.Equal(code, failure.CloseStatus);
        Assert.Equal(retryable, failure.IsRetryable);
    }

    [Fact]
    public async Task SubscribeAsync_ConnectionDrops_Throws1006()
    {
        await using var client = PeerClients.Create(_peer);

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync("subscription { dropAfter(count: 2) }"), "dropAfter"));

        Assert.Equal(GraphQLWebSocketException.AbnormalClosure, failure.CloseStatus);
    }

    [Fact]
    public async Task Subscribe_ServerSendsKa_ReportsKeepAliveAfterAck()
    {
        await using var client = PeerClients.Create(_peer);
        var events = new List<string>();
        var keptAlive = new TaskCompletionSource(
            TaskCreationOptions.RunContinuationsAsynchronously);

        var subscription = client.Subscribe(
            "subscription { counter(to: 1, delayMs: 60000) }",
            new GraphQLSubscriptionHandler
            {
                OnConnectionAck = () =>
                {
                    events.Add("ack");
                    return ValueTask.CompletedTask;
                },
                OnKeepAlive = kind =>
                {
                    events.Add(kind.ToString());
                    keptAlive.TrySetResult();
                    return ValueTask.CompletedTask;
                },
            });
        await keptAlive.Task.WaitAsync(s_limit);
        await subscription.DisposeAsync();

        Assert.Equal(["ack", "KeepAlive"], events);
    }

    [Fact]
    public async Task SubscribeAsync_KeepAliveStops_ThrowsGraphQLTimeoutException()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, logger: logger, configure: o =>
        {
            o.TimeProvider = time;
            o.WebSocket.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        });

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 1, delayMs: 60000) }"), "counter");
        await logger.WaitForAsync(2001);
        await logger.WaitForAsync(2005, "KeepAlive");
        time.Advance(TimeSpan.FromSeconds(30));
        var failure = await Assert.ThrowsAsync<GraphQLTimeoutException>(
            () => run.WaitAsync(s_limit));

        Assert.Equal(TimeSpan.FromSeconds(30), failure.Timeout);
    }

    [Fact]
    public async Task SubscribeAsync_HundredOperations_ShareOneSocketAndGetTheirOwnInOrder()
    {
        await using var client = PeerClients.Create(_peer);

        var runs = Enumerable.Range(0, 100).Select(i => PeerClients.CollectStringsAsync(
            client.SubscribeAsync($"subscription {{ tagged(tag: \"l{i}\", count: 4) }}"),
            "tagged")).ToArray();
        var results = await Task.WhenAll(runs).WaitAsync(s_limit);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(Enumerable.Range(1, 4).Select(n => $"l{i}:{n}"), results[i]);
        }

        Assert.Equal(1, client.WebSocketConnectionCount);
    }

    [Fact]
    public async Task SubscribeAsync_CallerBreaksOut_SocketStaysUsable()
    {
        await using var client = PeerClients.Create(_peer);

        await foreach (var response in client.SubscribeAsync(
            "subscription { counter(to: 1000, delayMs: 10) }"))
        {
            response.Dispose();
            break;
        }

        var after = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");

        Assert.Equal([1, 2], after);
    }
}
