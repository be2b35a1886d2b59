using static AioGraphQL.Client.IntegrationTests.WebSockets.ScriptedClients;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// Callback subscriptions against a scripted server: stopping, disposing and callback failures.
/// </summary>
public sealed class GraphQLSubscriptionTests
{
    private static readonly TimeSpan s_limit = ScriptedClients.Limit;

    private static readonly TimeSpan s_short = ScriptedClients.Short;

    [Fact]
    public async Task DisposeAsync_CalledTwiceThenUnsubscribe_AreNoOps()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        var subscription = client.Subscribe(Counter, _ => ValueTask.CompletedTask);
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            await connection.SendAsync(Complete(id));
            await subscription.Completion.WaitAsync(s_limit);

            await subscription.DisposeAsync();

            // IAsyncDisposable: a second dispose must be harmless, though the handle's
            // CancellationTokenSource is already disposed.
            await subscription.DisposeAsync();
            await subscription.UnsubscribeAsync();
        }
        finally
        {
            connection.Abort();
        }
    }

    [Fact]
    public async Task UnsubscribeAsync_CalledFromOnData_ReturnsWithoutDeadlock()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        GraphQLSubscription? subscription = null;
        var outcome = new TaskCompletionSource<string>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        subscription = client.Subscribe(Counter, async _ =>
        {
            try
            {
                // "Stop after this item" from the callback: Completion awaits this very
                // callback, so UnsubscribeAsync must not wait for it here.
                await subscription!.UnsubscribeAsync().WaitAsync(TimeSpan.FromSeconds(3));
                outcome.TrySetResult("returned");
            }
            catch (TimeoutException)
            {
                outcome.TrySetResult("deadlocked");
            }
        });
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            await connection.SendAsync(Next(id, 1));

            Assert.Equal("returned", await outcome.Task.WaitAsync(s_limit));
            await subscription.Completion.WaitAsync(s_short);
        }
        finally
        {
            connection.Abort();
        }
    }

    [Fact]
    public async Task Subscribe_OnCompleteThrows_ReportsToOnErrorAndFaultsCompletion()
    {
        await using var server = await ScriptedWebSocketServer.StartAsync(_ => TransportWs);
        await using var client = Create(server);
        Exception? reported = null;
        var subscription = client.Subscribe(Counter, new GraphQLSubscriptionHandler
        {
            OnComplete = () => throw new InvalidOperationException("complete handler broke"),
            OnError = ex =>
            {
                reported = ex;
                return ValueTask.CompletedTask;
            },
        });
        var connection = await server.AcceptAsync();
        try
        {
            await connection.AcceptInitAsync();
            var id = (await connection.ReceiveJsonAsync()).GetProperty("id").GetString();
            await connection.SendAsync(Complete(id));
            await Assert.ThrowsAsync<InvalidOperationException>(
                () => subscription.Completion.WaitAsync(s_limit));

            // GraphQLSubscriptionHandler: "An exception thrown by a callback is logged, ends the
            // subscription, and is reported to OnError (unless OnError threw it)".
            Assert.IsType<InvalidOperationException>(reported);
        }
        finally
        {
            connection.Abort();
        }
    }
}
