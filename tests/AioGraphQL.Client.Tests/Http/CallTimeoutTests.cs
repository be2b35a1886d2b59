using Microsoft.Extensions.Time.Testing;

namespace AioGraphQL.Client.Tests.Http;

public sealed class CallTimeoutTests
{
    [Fact]
    public async Task RunAsync_LimitRunsOut_ThrowsTimeoutWithLimit()
    {
        var time = new FakeTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = CallTimeout.RunAsync<int>(
            async token =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            TimeSpan.FromSeconds(5),
            time,
            "GraphQL request",
            CancellationToken.None);
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<GraphQLTimeoutException>(() => call);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.Timeout);
        Assert.Contains("GraphQL request", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_ThrowsCancellationWithCallerToken()
    {
        var time = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = CallTimeout.RunAsync<int>(
            async token =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            TimeSpan.FromSeconds(5),
            time,
            "GraphQL request",
            caller.Token);
        await started.Task;
        await caller.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<GraphQLTimeoutException>(ex);
        Assert.Equal(caller.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_InfiniteLimit_NeverTimesOut()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource<int>(
            TaskCreationOptions.RunContinuationsAsynchronously);

        var call = CallTimeout.RunAsync(
            _ => release.Task,
            Timeout.InfiniteTimeSpan,
            time,
            "GraphQL request",
            CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        release.SetResult(7);

        Assert.Equal(7, await call);
    }
}
