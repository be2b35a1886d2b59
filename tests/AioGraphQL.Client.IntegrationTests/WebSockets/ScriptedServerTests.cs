using System.Net.WebSockets;
using System.Text.Json;
using AioGraphQL.Client.IntegrationTests.Support;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// Fault injection and exact frames, against a scripted server on 127.0.0.1: what the
/// reference servers cannot be made to do on demand.
/// </summary>
public sealed class ScriptedServerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    private const string TransportWs = "graphql-transport-ws";

    private const string LegacyWs = "graphql-ws";

    [Fact]
    public async Task Subscribe_RetryableCloseWithReconnect_ResubscribesAndContinues()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(1);
        });
        var events = new List<string>();
        var handler = Recording(events);

        var subscription = client.Subscribe("subscription { counter }", handler);
        var first = await server.AcceptAsync();
        await first.AcceptInitAsync();
        var subscribe = await first.ReceiveJsonAsync();
        var id = subscribe.GetProperty("id").GetString();
        await first.SendAsync(Next(id, 1));
        await first.CloseAsync(1001, "restarting");
        await first.FinishCloseAsync();
        var second = await server.AcceptAsync();
        await second.AcceptInitAsync();
        var again = await second.ReceiveJsonAsync();
        await second.SendAsync(Next(id, 2));
        await second.SendAsync($"{{\"type\":\"complete\",\"id\":\"{id}\"}}");
        await subscription.Completion.WaitAsync(s_limit);
        second.Finished.TrySetResult();

        Assert.Equal("subscribe", again.GetProperty("type").GetString());
        Assert.Equal(id, again.GetProperty("id").GetString());
        Assert.Equal(["ack", "data 1", "close 1001", "ack", "data 2", "complete"], events);
    }

    [Fact]
    public async Task Subscribe_Refused4401MidStreamWithProvider_RefreshesAndResubscribes()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var triggers = new List<GraphQLAuthorizationTrigger>();
        await using var client = Create(server, o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(1);
            o.AuthorizationProvider = (context, _) =>
            {
                triggers.Add(context.Trigger);
                return ValueTask.FromResult<string?>(
                    context.IsRefresh ? "Bearer new" : "Bearer old");
            };
        });
        var events = new List<string>();

        var subscription = client.Subscribe("subscription { counter }", Recording(events));
        var first = await server.AcceptAsync();
        var firstInit = await first.AcceptInitAsync();
        var id = (await first.ReceiveJsonAsync()).GetProperty("id").GetString();
        await first.CloseAsync(4401, "Unauthorized");
        await first.FinishCloseAsync();
        var second = await server.AcceptAsync();
        var secondInit = await second.AcceptInitAsync();
        await second.ReceiveJsonAsync();
        await second.SendAsync($"{{\"type\":\"complete\",\"id\":\"{id}\"}}");
        await subscription.Completion.WaitAsync(s_limit);
        second.Finished.TrySetResult();

        Assert.Equal("Bearer old", Payload(firstInit, "Authorization"));
        Assert.Equal("Bearer new", Payload(secondInit, "Authorization"));
        Assert.Equal("Bearer new", second.UpgradeHeaders["Authorization"]);
        Assert.Equal(
            [GraphQLAuthorizationTrigger.WebSocketConnect, GraphQLAuthorizationTrigger.Refused],
            triggers);
    }

    [Fact]
    public async Task SubscribeAsync_ReconnectKeepsFailing_GivesUpWithTheLastClose()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.MaxReconnectAttempts = 2;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(1);
        });

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var first = await server.AcceptAsync();
        await first.AcceptInitAsync();
        await first.ReceiveJsonAsync();
        await first.CloseAsync(1011, "down");
        await first.FinishCloseAsync();
        for (var retry = 0; retry < 2; retry++)
        {
            var next = await server.AcceptAsync();
            await next.CloseAsync(1013, "try later");
            await next.FinishCloseAsync();
        }

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() => run);
        Assert.Equal(1013, failure.CloseStatus);
    }

    [Fact]
    public async Task SubscribeAsync_CallerBreaksOutOnTransportWs_SendsCompleteThenCloses1000()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var client = Create(server);

        var reading = ReadFirstThenBreakAsync(client);
        var connection = await server.AcceptAsync();
        var init = await connection.AcceptInitAsync();
        var subscribe = await connection.ReceiveJsonAsync();
        var id = subscribe.GetProperty("id").GetString();
        await connection.SendAsync(Next(id, 1));
        await reading.WaitAsync(s_limit);
        var stop = await connection.ReceiveAsync();
        var disposing = client.DisposeAsync().AsTask();
        var afterStop = await connection.ReceiveAsync();
        await connection.FinishCloseAsync();
        await disposing.WaitAsync(s_limit);

        Assert.Equal("{\"type\":\"connection_init\",\"payload\":{}}", init.GetRawText());
        Assert.Equal(
            $"{{\"type\":\"subscribe\",\"id\":\"{id}\",\"payload\":"
                + "{\"query\":\"subscription { counter }\"}}",
            subscribe.GetRawText());
        Assert.Equal($"{{\"type\":\"complete\",\"id\":\"{id}\"}}", stop);
        Assert.Null(afterStop);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, connection.ClientCloseStatus);
    }

    [Fact]
    public async Task SubscribeAsync_CallerBreaksOutOnLegacy_SendsStopThenTerminateAndClose()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => LegacyWs);
        var client = Create(server);

        var reading = ReadFirstThenBreakAsync(client);
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var start = await connection.ReceiveJsonAsync();
        var id = start.GetProperty("id").GetString();
        await connection.SendAsync(
            $"{{\"type\":\"data\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":1}}}}}}");
        await reading.WaitAsync(s_limit);
        var stop = await connection.ReceiveAsync();
        var disposing = client.DisposeAsync().AsTask();
        var terminate = await connection.ReceiveAsync();
        var afterTerminate = await connection.ReceiveAsync();
        await connection.FinishCloseAsync();
        await disposing.WaitAsync(s_limit);

        Assert.Equal("start", start.GetProperty("type").GetString());
        Assert.Equal($"{{\"type\":\"stop\",\"id\":\"{id}\"}}", stop);
        Assert.Equal("{\"type\":\"connection_terminate\"}", terminate);
        Assert.Null(afterTerminate);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, connection.ClientCloseStatus);
    }

    [Fact]
    public async Task DisposeAsync_PeerStopsReading_ReturnsWithinTheCloseTimeout()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var client = Create(server, o => o.WebSocket.CloseTimeout = TimeSpan.FromMilliseconds(200));

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        await connection.ReceiveJsonAsync();
        await client.DisposeAsync().AsTask().WaitAsync(s_limit);
        connection.Abort();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => run.WaitAsync(s_limit));
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("[1,2]", null)]
    [InlineData("{\"id\":\"1\"}", null)]
    [InlineData("{\"type\":\"surprise\"}", "surprise")]
    public async Task SubscribeAsync_InvalidMessageOnTransportWs_ThrowsProtocolExceptionCloses4400(
        string message,
        string? messageType)
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        await connection.ReceiveJsonAsync();
        await connection.SendAsync(message);
        var failure = await Assert.ThrowsAsync<GraphQLProtocolException>(() => run);
        var closed = await connection.ReceiveAsync();
        await connection.FinishCloseAsync();

        Assert.Equal(messageType, failure.MessageType);
        Assert.Null(closed);
        Assert.Equal(4400, (int?)connection.ClientCloseStatus);
    }

    [Fact]
    public async Task SubscribeAsync_SkippableMessages_AreLoggedAndTheStreamGoesOn()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => LegacyWs);
        var logger = new RecordingLogger();
        await using var client = Create(server, logger: logger);

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
        await connection.SendAsync("{\"type\":\"connection_ack\"}");
        await connection.SendAsync("{\"type\":\"surprise\"}");
        await connection.SendAsync("{\"type\":\"data\",\"id\":\"999\",\"payload\":{\"data\":{}}}");
        await connection.SendAsync("{\"type\":\"data\",\"id\":\"abc\",\"payload\":{\"data\":{}}}");
        await connection.SendAsync("{\"type\":\"complete\",\"id\":\"998\"}");
        await connection.SendAsync(
            $"{{\"type\":\"data\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":7}}}}}}");
        await connection.SendAsync($"{{\"type\":\"complete\",\"id\":\"{id}\"}}");
        var values = await run.WaitAsync(s_limit);
        connection.Finished.TrySetResult();

        Assert.Equal([7], values);
        Assert.Contains(logger.Lines, l => l.Contains("[2014]", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("[2016]", StringComparison.Ordinal));
        Assert.Equal(3, logger.Lines.Count(l => l.Contains("[2015]", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",\"payload\":{\"foo\":1}")]
    [InlineData(",\"payload\":{\"data\":5}")]
    public async Task SubscribeAsync_ResultThatIsNotAGraphQLResult_FailsOnlyThatOperation(
        string payload)
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
        await connection.SendAsync($"{{\"type\":\"next\",\"id\":\"{id}\"{payload}}}");
        var failure = await Assert.ThrowsAsync<GraphQLProtocolException>(() => run);
        var complete = await connection.ReceiveAsync();
        connection.Finished.TrySetResult();

        Assert.Equal("next", failure.MessageType);
        Assert.Equal($"{{\"type\":\"complete\",\"id\":\"{id}\"}}", complete);
    }

    [Theory]
    [InlineData(GraphQLWebSocketProtocol.GraphQLWs, "start")]
    [InlineData(GraphQLWebSocketProtocol.GraphQLTransportWs, "subscribe")]
    public async Task SubscribeAsync_ServerPicksNoSubProtocol_SpeaksTheFallback(
        GraphQLWebSocketProtocol fallback,
        string startType)
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => null);
        await using var client = Create(server, o => o.WebSocket.FallbackProtocol = fallback);

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var start = await connection.ReceiveJsonAsync();
        await connection.SendAsync(
            $"{{\"type\":\"complete\",\"id\":\"{start.GetProperty("id").GetString()}\"}}");
        await run.WaitAsync(s_limit);
        connection.Finished.TrySetResult();

        Assert.Equal(startType, start.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(null, 5000)]
    [InlineData(4, 500)]
    public async Task SubscribeAsync_ConsumerPausesWhileServerSends_GetsEveryResultInOrder(
        int? bufferLimit,
        int count)
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o => o.WebSocket.MaxBufferedResults = bufferLimit);
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var values = new List<int>();

        var consume = Task.Run(async () =>
        {
            await foreach (var response in client.SubscribeAsync("subscription { counter }"))
            {
                using (response)
                {
                    values.Add(response.Data.GetProperty("counter").GetInt32());
                }

                if (values.Count == 1)
                {
                    await allSent.Task.WaitAsync(s_limit);
                }
            }
        });
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
        for (var i = 1; i <= count; i++)
        {
            await connection.SendAsync(Next(id, i));
        }

        await connection.SendAsync($"{{\"type\":\"complete\",\"id\":\"{id}\"}}");
        allSent.SetResult();
        await consume.WaitAsync(s_limit);
        connection.Finished.TrySetResult();

        Assert.Equal(Enumerable.Range(1, count), values);
    }

    [Fact]
    public async Task SubscribeAsync_SendHeadersOnUpgradeOff_HeadersOnlyInThePayload()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o =>
        {
            o.Headers = new GraphQLHeaders { ["X-API-Key"] = "k-1" };
            o.WebSocket.SendHeadersOnUpgrade = false;
        });

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter }"), "counter");
        var connection = await server.AcceptAsync();
        var init = await connection.AcceptInitAsync();
        var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
        await connection.SendAsync($"{{\"type\":\"complete\",\"id\":\"{id}\"}}");
        await run.WaitAsync(s_limit);
        connection.Finished.TrySetResult();

        Assert.Equal("k-1", Payload(init, "X-API-Key"));
        Assert.False(connection.UpgradeHeaders.ContainsKey("X-API-Key"));
        Assert.False(connection.UpgradeHeaders.ContainsKey("Accept"));
    }

    [Fact]
    public async Task SubscribeAsync_SecretsInHeadersAndEchoedClose_NeverReachLogsOrMessages()
    {
        const string token = "tok-SECRET-5f1e";
        const string apiKey = "key-SECRET-77aa";
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var logger = new RecordingLogger();
        await using var client = Create(server, logger: logger, configure: o =>
            o.Headers = new GraphQLHeaders
            {
                ["Authorization"] = "Bearer " + token,
                ["X-API-Key"] = apiKey,
            });
        var variables = new Dictionary<string, object?> { ["password"] = "var-SECRET-9" };

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription ($password: String) { counter }",
                variables: variables), "counter");
        var connection = await server.AcceptAsync();
        await connection.AcceptInitAsync();
        var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
        await connection.SendAsync(
            $"{{\"type\":\"next\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":1,"
                + "\"echo\":\"data-SECRET-3\"}}}");
        await connection.CloseAsync(4403, "bad token " + token + " key " + apiKey);
        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(() => run);
        await connection.FinishCloseAsync();

        var everything = string.Join("\n", logger.Lines) + failure + failure.CloseDescription;
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
        Assert.Contains("[2001]", everything, StringComparison.Ordinal);
        Assert.Equal(4403, failure.CloseStatus);
    }

    private static GraphQLClient Create(
        ScriptedWebSocketServer server,
        Action<GraphQLClientOptions>? configure = null,
        RecordingLogger? logger = null)
    {
        var options = new GraphQLClientOptions { Endpoint = server.HttpEndpoint };
        configure?.Invoke(options);
        return new GraphQLClient(options, logger: logger);
    }

    private static async Task ReadFirstThenBreakAsync(GraphQLClient client)
    {
        await foreach (var response in client.SubscribeAsync("subscription { counter }"))
        {
            response.Dispose();
            break;
        }
    }

    private static string Next(string? id, int value) =>
        $"{{\"type\":\"next\",\"id\":\"{id}\",\"payload\":{{\"data\":{{\"counter\":{value}}}}}}}";

    private static string? Payload(JsonElement init, string key) =>
        init.GetProperty("payload").GetProperty(key).GetString();

    private static GraphQLSubscriptionHandler Recording(List<string> events) => new()
    {
        OnConnectionAck = () => Add(events, "ack"),
        OnData = response => Add(events,
            "data " + response.Data.GetProperty("counter").GetInt32()),
        OnClose = close => Add(events, "close " + close.CloseStatus),
        OnComplete = () => Add(events, "complete"),
        OnError = ex => Add(events, "error " + ex.GetType().Name),
    };

    private static ValueTask Add(List<string> events, string entry)
    {
        lock (events)
        {
            events.Add(entry);
        }

        return ValueTask.CompletedTask;
    }
}
