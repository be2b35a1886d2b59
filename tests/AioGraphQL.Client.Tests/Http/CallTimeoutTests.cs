using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AioGraphQL.Client.Tests.Http;

public sealed class CallTimeoutTests
{
    private static readonly HttpClient s_http = new();

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
            Scope(time),
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
            Scope(time),
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
            Scope(time),
            "GraphQL request",
            CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        release.SetResult(7);

        Assert.Equal(7, await call);
    }

    [Fact]
    public async Task RunAsync_LimitBeyondTimerRange_CountsAsNoLimit()
    {
        var time = new FakeTimeProvider();

        var result = await CallTimeout.RunAsync(
            _ => Task.FromResult(3),
            TimeSpan.FromDays(60),
            Scope(time),
            "GraphQL request",
            CancellationToken.None);

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task RunAsync_CancelledBecauseClientDisposed_ThrowsObjectDisposed()
    {
        var time = new FakeTimeProvider();
        using var owner = new CancellationTokenSource();
        var disposed = false;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = CallTimeout.RunAsync<int>(
            async _ =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, owner.Token);
                return 0;
            },
            TimeSpan.FromSeconds(5),
            Scope(time, () => disposed),
            "GraphQL request",
            CancellationToken.None);
        await started.Task;
        disposed = true;
        await owner.CancelAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
    }

    private static CallScope Scope(TimeProvider time, Func<bool>? isDisposed = null) =>
        new(time, NullLogger.Instance, s_http, isDisposed ?? (() => false));
}
