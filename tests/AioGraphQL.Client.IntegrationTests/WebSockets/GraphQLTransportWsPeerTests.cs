using System.Text.Json;
using AioGraphQL.Client.IntegrationTests.Peers;
using AioGraphQL.Client.IntegrationTests.Support;
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

    [Fact]
    public async Task SubscribeAsync_HeadersObjectShape_ServerReceivesHeadersUnderHeaders()
    {
        var headers = new GraphQLHeaders { ["Authorization"] = "Bearer abc" };
        await using var client = PeerClients.Create(_peer, headers: headers,
            configure: o => o.WebSocket.PayloadShape = GraphQLConnectionPayloadShape.HeadersObject);

        var payload = await PeerClients.FirstStringAsync(
            client.SubscribeAsync("{ connectionParams }"), "connectionParams");

        Assert.Equal("{\"headers\":{\"Authorization\":\"Bearer abc\"}}", payload);
    }

    [Fact]
    public async Task SubscribeAsync_AllThreeLayers_PayloadHoldsTheMergedHeaders()
    {
        var client = PeerClients.Create(_peer, headers: new GraphQLHeaders
        {
            ["Authorization"] = "Bearer client",
            ["X-Client"] = "c",
            ["X-Removed"] = "gone",
        });
        await using var _ = client;
        var request = new GraphQLRequest(
            "{ connectionParams }",
            headers: new GraphQLHeaders { ["X-Request"] = "r", ["X-Removed"] = null });

        var payload = await PeerClients.FirstStringAsync(
            client.SubscribeAsync(
                request,
                new GraphQLHeaders { ["Authorization"] = "Bearer call" }),
            "connectionParams");

        var received = JsonSerializer.Deserialize<Dictionary<string, string>>(payload!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer call",
                ["X-Client"] = "c",
                ["X-Request"] = "r",
            },
            received);
    }

    [Fact]
    public async Task SubscribeAsync_PayloadFactory_ServerReceivesTheFactoryPayload()
    {
        GraphQLConnectionPayloadContext? seen = null;
        await using var client = PeerClients.Create(
            _peer,
            headers: new GraphQLHeaders { ["Authorization"] = "Bearer abc" },
            configure: o => o.WebSocket.PayloadFactory = (context, _) =>
            {
                seen = context;
                return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(
                    new Dictionary<string, object?> { ["token"] = "t-1", ["n"] = 2 });
            });

        var payload = await PeerClients.FirstStringAsync(
            client.SubscribeAsync("{ connectionParams }"), "connectionParams");

        Assert.Equal("{\"token\":\"t-1\",\"n\":2}", payload);
        Assert.Equal(GraphQLWebSocketProtocol.GraphQLTransportWs, seen?.Protocol);
        Assert.Equal(1, seen?.Attempt);
        Assert.Contains(seen!.Headers, h => h.Key == "Authorization" && h.Value == "Bearer abc");
    }

    [Fact]
    public async Task SubscribeAsync_AcceptedCredential_RunsTheOperation()
    {
        await using var client = PeerClients.Create(_peer, query: "auth=Bearer%20good",
            headers: new GraphQLHeaders { ["Authorization"] = "Bearer good" });

        var values = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");

        Assert.Equal([1, 2], values);
    }

    [Fact]
    public async Task SubscribeAsync_RefusedCredential_ThrowsGraphQLWebSocketException4403()
    {
        await using var client = PeerClients.Create(_peer, query: "auth=Bearer%20good",
            headers: new GraphQLHeaders { ["Authorization"] = "Bearer bad" });

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync("subscription { counter(to: 2) }"), "counter"));

        Assert.Equal(4403, failure.CloseStatus);
        Assert.True(failure.IsRefusal);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public async Task SubscribeAsync_ProviderValueRefused_RetriesOnceWithRefreshedValue()
    {
        var contexts = new List<(GraphQLAuthorizationTrigger, string?)>();
        await using var client = PeerClients.Create(_peer, query: "auth=Bearer%20fresh",
            configure: o => o.AuthorizationProvider = (context, _) =>
            {
                lock (contexts)
                {
                    contexts.Add((context.Trigger, context.RefusedValue));
                }

                return ValueTask.FromResult<string?>(
                    context.IsRefresh ? "Bearer fresh" : "Bearer stale");
            });

        var values = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");

        Assert.Equal([1, 2], values);
        Assert.Equal(
            [
                (GraphQLAuthorizationTrigger.WebSocketConnect, null),
                (GraphQLAuthorizationTrigger.Refused, "Bearer stale"),
            ],
            contexts);
    }

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    [InlineData(1011, true)]
    [InlineData(4400, false)]
    [InlineData(4401, false)]
    [InlineData(4403, false)]
    [InlineData(4406, false)]
    [InlineData(4408, true)]
    [InlineData(4409, false)]
    [InlineData(4429, false)]
    [InlineData(4499, true)]
    public async Task SubscribeAsync_ServerClosesMidStream_ThrowsGraphQLWebSocketException(
        int code,
        bool retryable)
    {
        await using var client = PeerClients.Create(_peer);
        var values = new List<int>();

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                $"subscription {{ closeAfter(count: 2, code: {code}, reason: \"bye\") }}"))
            {
                using (response)
                {
                    values.Add(response.Data.GetProperty("closeAfter").GetInt32());
                }
            }
        });

        Assert.Equal([1, 2], values);
        Assert.Equal(code, failure.CloseStatus);
        Assert.Equal("bye", failure.CloseDescription);
        Assert.Equal(retryable, failure.IsRetryable);
    }

    [Fact]
    public async Task SubscribeAsync_ConnectionDropsWithoutClose_Throws1006Retryable()
    {
        await using var client = PeerClients.Create(_peer);

        var values = new List<int>();
        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                "subscription { dropAfter(count: 3) }"))
            {
                using (response)
                {
                    values.Add(response.Data.GetProperty("dropAfter").GetInt32());
                }
            }
        });

        Assert.Equal([1, 2, 3], values);
        Assert.Equal(GraphQLWebSocketException.AbnormalClosure, failure.CloseStatus);
        Assert.True(failure.IsRetryable);
    }

    [Fact]
    public async Task SubscribeAsync_ServerClosesRightAfterUpgrade_ThrowsWithThatCode()
    {
        await using var client = PeerClients.Create(_peer, query: "closeOnConnect=4400");

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync("subscription { counter(to: 2) }"), "counter"));

        Assert.Equal(4400, failure.CloseStatus);
    }

    [Fact]
    public async Task SubscribeAsync_OnlyLegacyOffered_ServerCloses4406()
    {
        await using var client = PeerClients.Create(_peer, configure: o =>
            o.WebSocket.Protocols = [GraphQLWebSocketProtocol.GraphQLWs]);

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() =>
            PeerClients.CollectIntsAsync(
                client.SubscribeAsync("subscription { counter(to: 2) }"), "counter"));

        Assert.Equal(4406, failure.CloseStatus);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public async Task SubscribeAsync_ServerNeverAcks_ThrowsGraphQLTimeoutException()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logger = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, query: "noAck=1",
            configure: o => o.TimeProvider = time, logger: logger);

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");
        await logger.WaitForAsync(2003);
        time.Advance(GraphQLWebSocketOptions.DefaultConnectionAckTimeout);
        var failure = await Assert.ThrowsAsync<GraphQLTimeoutException>(() => run);

        Assert.Equal(GraphQLWebSocketOptions.DefaultConnectionAckTimeout, failure.Timeout);
    }

    [Fact]
    public async Task SubscribeAsync_ServerNeverAnswersPing_ThrowsGraphQLTimeoutException()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var logger = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, query: "noPong=1", logger: logger,
            configure: o =>
            {
                o.TimeProvider = time;
                o.WebSocket.PingInterval = TimeSpan.FromSeconds(5);
                o.WebSocket.PongTimeout = TimeSpan.FromSeconds(2);
            });

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2, delayMs: 60000) }"), "counter");
        await logger.WaitForAsync(2006);
        time.Advance(TimeSpan.FromSeconds(5));
        await logger.WaitForAsync(2004, "Ping");
        time.Advance(TimeSpan.FromSeconds(2));
        var failure = await Assert.ThrowsAsync<GraphQLTimeoutException>(() => run);

        Assert.Equal(TimeSpan.FromSeconds(2), failure.Timeout);
    }

    [Fact]
    public async Task Subscribe_ServerPings_AnswersAndReportsEachPing()
    {
        // The peer closes 4408 when a pong is not back by its next ping. On a cold test host
        // the first pong has been seen to take over 300 ms, so the interval is a full second;
        // on failure the client's log says which step was late.
        var log = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, query: "ping=1000&expectPong=1",
            logger: log);
        var pinged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new List<string>();
        var handler = new GraphQLSubscriptionHandler
        {
            OnConnectionAck = () =>
            {
                events.Add("ack");
                return ValueTask.CompletedTask;
            },
            OnKeepAlive = kind =>
            {
                if (kind == GraphQLKeepAliveKind.Ping && events.Count(e => e == "ping") < 3)
                {
                    events.Add("ping");
                }

                if (events.Count(e => e == "ping") == 3)
                {
                    pinged.TrySetResult();
                }

                return ValueTask.CompletedTask;
            },
        };

        var subscription = client.Subscribe(
            "subscription { counter(to: 1, delayMs: 60000) }", handler);
        await Task.WhenAny(pinged.Task, subscription.Completion).WaitAsync(s_limit);
        await subscription.UnsubscribeAsync();

        Assert.True(events.Count == 4, string.Join("\n", log.Lines));
        Assert.Equal(["ack", "ping", "ping", "ping"], events);
        Assert.True(subscription.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task SubscribeAsync_ThousandOperations_ShareOneSocketAndGetOnlyTheirOwnInOrder()
    {
        const int operations = 1000;
        await using var client = PeerClients.Create(_peer);

        var runs = Enumerable.Range(0, operations).Select(i => PeerClients.CollectStringsAsync(
            client.SubscribeAsync($"subscription {{ tagged(tag: \"t{i}\", count: 5) }}"),
            "tagged")).ToArray();
        var results = await Task.WhenAll(runs).WaitAsync(s_limit);

        for (var i = 0; i < operations; i++)
        {
            Assert.Equal(Enumerable.Range(1, 5).Select(n => $"t{i}:{n}"), results[i]);
        }

        Assert.Equal(1, client.WebSocketConnectionCount);
    }

    [Fact]
    public async Task SubscribeAsync_DifferentHeaders_GetTheirOwnSockets()
    {
        await using var client = PeerClients.Create(_peer);
        var first = client.SubscribeAsync("{ connectionParams }",
            new GraphQLHeaders { ["Authorization"] = "Bearer one" });
        var second = client.SubscribeAsync("{ connectionParams }",
            new GraphQLHeaders { ["Authorization"] = "Bearer two" });
        await using var a = first.GetAsyncEnumerator();
        await using var b = second.GetAsyncEnumerator();

        Assert.True(await a.MoveNextAsync());
        Assert.True(await b.MoveNextAsync());
        var seen = (a.Current.Data.GetProperty("connectionParams").GetString(),
            b.Current.Data.GetProperty("connectionParams").GetString());

        Assert.Equal(
            ("{\"Authorization\":\"Bearer one\"}", "{\"Authorization\":\"Bearer two\"}"),
            seen);
        Assert.Equal(2, client.WebSocketConnectionCount);
        a.Current.Dispose();
        b.Current.Dispose();
    }

    [Fact]
    public async Task SubscribeAsync_CallerCancelsMidStream_ThrowsCallerTokenAndSocketStaysUsable()
    {
        await using var client = PeerClients.Create(_peer);
        using var cancel = new CancellationTokenSource();
        var values = new List<int>();

        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                "subscription { counter(to: 1000, delayMs: 20) }",
                cancellationToken: cancel.Token))
            {
                using (response)
                {
                    values.Add(response.Data.GetProperty("counter").GetInt32());
                }

                if (values.Count == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        var after = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 2) }"), "counter");

        Assert.Equal(cancel.Token, failure.CancellationToken);
        Assert.Equal([1, 2, 3], values);
        Assert.Equal([1, 2], after);
        Assert.Equal(1, client.WebSocketConnectionCount);
    }

    [Fact]
    public async Task DisposeAsync_MidStream_EndsTheStreamWithObjectDisposedException()
    {
        var client = PeerClients.Create(_peer);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                "subscription { counter(to: 1000, delayMs: 20) }"))
            {
                response.Dispose();
                first.TrySetResult();
            }
        });

        await first.Task.WaitAsync(s_limit);
        await client.DisposeAsync().AsTask().WaitAsync(s_limit);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => run.WaitAsync(s_limit));
    }

    [Fact]
    public async Task Subscribe_Callbacks_RunInOrderAndCompletionEnds()
    {
        await using var client = PeerClients.Create(_peer);
        var seen = new List<string>();

        var subscription = client.Subscribe(
            "subscription { counter(to: 3) }",
            async response =>
            {
                await Task.Yield();
                seen.Add(response.Data.GetProperty("counter").GetInt32().ToString(
                    System.Globalization.CultureInfo.InvariantCulture));
            },
            onComplete: () =>
            {
                seen.Add("complete");
                return ValueTask.CompletedTask;
            });
        await subscription.Completion.WaitAsync(s_limit);

        Assert.Equal(["1", "2", "3", "complete"], seen);
        Assert.False(string.IsNullOrEmpty(subscription.Id));
    }

    [Fact]
    public async Task Subscribe_OnDataThrows_ReportsToOnErrorAndFaultsCompletion()
    {
        var logger = new RecordingLogger();
        await using var client = PeerClients.Create(_peer, logger: logger);
        Exception? reported = null;

        var subscription = client.Subscribe(
            "subscription { counter(to: 1000, delayMs: 10) }",
            _ => throw new InvalidOperationException("callback broke"),
            onError: ex =>
            {
                reported = ex;
                return ValueTask.CompletedTask;
            });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => subscription.Completion.WaitAsync(s_limit));

        Assert.Same(failure, reported);
        Assert.Contains(logger.Lines, l => l.Contains("[2028]", StringComparison.Ordinal));
    }
}
