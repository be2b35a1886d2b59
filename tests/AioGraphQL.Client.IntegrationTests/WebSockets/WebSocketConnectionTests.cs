using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// One logical connection against a scripted server: connecting, failing to connect,
/// reconnecting and closing once idle.
/// </summary>
public sealed class WebSocketConnectionTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    private static readonly TimeSpan s_short = ScriptedClients.Short;

    [Fact]
    public async Task SubscribeAsync_PayloadFactoryFailsOnce_NextSubscriptionConnectsAgain()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var calls = 0;
        await using var client = Create(server, o => o.WebSocket.PayloadFactory = (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new HttpRequestException("token service briefly down");
            }

            return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(
                new Dictionary<string, object?> { ["token"] = "t-1" });
        });

        await Assert.ThrowsAnyAsync<Exception>(() => Collect(client).WaitAsync(s_limit));
        (await server.AcceptAsync()).Abort();

        // A cached faulted connect would fail every later subscription with these headers,
        // without calling the factory or opening a socket, for the life of the client.
        await AssertNextSubscriptionConnectsAsync(server, client);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task SubscribeAsync_AuthorizationProviderFailsOnce_NextSubscriptionConnectsAgain()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var calls = 0;
        await using var client = Create(server, o => o.AuthorizationProvider = (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new HttpRequestException("identity provider briefly down");
            }

            return ValueTask.FromResult<string?>("Bearer fresh");
        });

        await Assert.ThrowsAnyAsync<Exception>(() => Collect(client).WaitAsync(s_limit));

        await AssertNextSubscriptionConnectsAsync(server, client);
    }

    [Fact]
    public async Task SubscribeAsync_CancelledAwaitingAckWithZeroIdleTimeout_ClosesSocket()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o => o.WebSocket.IdleTimeout = TimeSpan.Zero);
        using var cancel = new CancellationTokenSource();

        var run = PeerClients.CollectIntsAsync(
            client.SubscribeAsync(Counter, cancellationToken: cancel.Token), "counter");
        var connection = await server.AcceptAsync();
        try
        {
            await connection.ReceiveJsonAsync();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(s_limit));
            await connection.SendAsync("{\"type\":\"connection_ack\"}");

            // No operation is left, so the socket must close once acknowledged, although the
            // idle timer fired while the connect was still pending.
            var next = await connection.ReceiveAsync().WaitAsync(s_short);
            Assert.Null(next);
            Assert.Equal(0, client.WebSocketConnectionCount);
        }
        finally
        {
            connection.Abort();
        }
    }

    [Fact]
    public async Task SubscribeAsync_Reconnect_TellsPayloadFactoryAnAttemptAboveOne()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        var attempts = new List<int>();
        await using var client = Create(server, o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(5);
            o.WebSocket.PayloadFactory = (context, _) =>
            {
                lock (attempts)
                {
                    attempts.Add(context.Attempt);
                }

                return ValueTask.FromResult<IReadOnlyDictionary<string, object?>?>(
                    new Dictionary<string, object?>());
            };
        });

        var run = Collect(client);
        var first = await server.AcceptAsync();
        await first.AcceptInitAsync();
        var id = (await first.ReceiveJsonAsync()).GetProperty("id").GetString();
        await first.CloseAsync(1001, "restarting");
        first.Finished.TrySetResult();
        var second = await server.AcceptAsync();
        try
        {
            await second.AcceptInitAsync();
            await second.ReceiveJsonAsync();
            await second.SendAsync(Complete(id));
            await run.WaitAsync(s_limit);
        }
        finally
        {
            second.Abort();
        }

        // GraphQLConnectionPayloadContext.Attempt: "1 for the first connect of this socket,
        // higher for each reconnect attempt".
        Assert.Equal(2, attempts.Count);
        Assert.Equal(1, attempts[0]);
        Assert.True(attempts[1] > 1, $"The reconnect was told attempt {attempts[1]}.");
    }

    [Fact]
    public async Task SubscribeAsync_ServerAcksThenCloses1011Repeatedly_FailsAfterMaxReconnects()
    {
        const int maxAttempts = 3;
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server, o =>
        {
            o.WebSocket.Reconnect = true;
            o.WebSocket.MaxReconnectAttempts = maxAttempts;
            o.WebSocket.ReconnectDelay = TimeSpan.FromMilliseconds(1);
            o.WebSocket.MaxReconnectDelay = TimeSpan.FromMilliseconds(5);
            o.WebSocket.StableConnectionPeriod = TimeSpan.FromMinutes(10);
        });

        // Every socket is acknowledged and its subscribe received, then closed with a
        // retryable 1011; the client may open at most the first socket and its reconnects.
        var run = Collect(client);
        var connects = 0;
        while (connects < maxAttempts + 3 && !run.IsCompleted)
        {
            var accept = server.AcceptAsync();
            if (await Task.WhenAny(accept, run).WaitAsync(s_limit) != accept)
            {
                break;
            }

            var connection = await accept;
            connects++;
            await connection.AcceptInitAsync();
            await connection.ReceiveJsonAsync();
            await connection.CloseAsync(1011, "internal error");
            connection.Finished.TrySetResult();
        }

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
            () => run.WaitAsync(s_limit));
        Assert.Equal(1011, failure.CloseStatus);
        Assert.Equal(1 + maxAttempts, connects);
    }

    /// <summary>
    /// Starts another subscription and checks it opens a socket rather than failing at once,
    /// then completes it from the server.
    /// </summary>
    private static async Task AssertNextSubscriptionConnectsAsync(
        ScriptedWebSocketServer server,
        GraphQLClient client)
    {
        var next = Collect(client);
        var accept = server.AcceptAsync();
        var first = await Task.WhenAny(next, accept).WaitAsync(s_limit);
        Assert.True(
            ReferenceEquals(first, accept),
            "The next subscription failed without connecting: "
                + next.Exception?.InnerException?.Message);

        var connection = await accept;
        try
        {
            await connection.AcceptInitAsync();
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            await connection.SendAsync(Complete(id));
            await next.WaitAsync(s_limit);
        }
        finally
        {
            connection.Abort();
        }
    }
}
