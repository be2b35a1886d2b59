namespace AioGraphQL.Client.Tests.Auth;

public sealed class AuthorizationCoordinatorTests
{
    [Fact]
    public async Task RefreshAsync_ConcurrentRefusalsOfSameValue_ShareOneRefresh()
    {
        var refreshes = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var coordinator = new AuthorizationCoordinator(async (context, _) =>
        {
            if (!context.IsRefresh)
            {
                return "old";
            }

            Interlocked.Increment(ref refreshes);
            await release.Task;
            return "new";
        });
        var credentials = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            coordinator.GetAsync(GraphQLAuthorizationContext.HttpRequest, default).AsTask()));

        var refreshed = credentials.Select(c => coordinator.RefreshAsync(c, default)).ToArray();
        release.SetResult();
        var values = await Task.WhenAll(refreshed).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(values, v => Assert.Equal("new", v.Value));
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task RefreshAsync_RefreshFails_AllJoinedCallersFail()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshes = 0;
        var coordinator = new AuthorizationCoordinator(async (context, _) =>
        {
            if (!context.IsRefresh)
            {
                return "old";
            }

            Interlocked.Increment(ref refreshes);
            await release.Task;
            throw new InvalidOperationException("refresh failed");
        });
        var credential = await coordinator.GetAsync(
            GraphQLAuthorizationContext.HttpRequest,
            default);

        var refreshed = Enumerable.Range(0, 20)
            .Select(_ => coordinator.RefreshAsync(credential, default))
            .ToArray();
        release.SetResult();

        foreach (var task in refreshed)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
            Assert.Equal("refresh failed", ex.Message);
        }

        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task RefreshAsync_ValueObtainedAfterRefresh_StartsNewRefresh()
    {
        var refreshes = 0;
        var coordinator = new AuthorizationCoordinator((context, _) =>
        {
            if (context.IsRefresh)
            {
                Interlocked.Increment(ref refreshes);
            }

            return ValueTask.FromResult<string?>($"v{refreshes}");
        });
        var first = await coordinator.GetAsync(GraphQLAuthorizationContext.HttpRequest, default);
        await coordinator.RefreshAsync(first, default);

        var second = await coordinator.GetAsync(GraphQLAuthorizationContext.HttpRequest, default);
        var again = await coordinator.RefreshAsync(second, default);

        Assert.Equal(2, refreshes);
        Assert.Equal("v2", again.Value);
    }
}
