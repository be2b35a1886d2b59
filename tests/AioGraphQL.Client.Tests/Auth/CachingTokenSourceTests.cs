using Microsoft.Extensions.Time.Testing;

namespace AioGraphQL.Client.Tests.Auth;

public sealed class CachingTokenSourceTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task GetTokenAsync_FreshToken_FetchesOnce()
    {
        var fetches = 0;
        var source = new CachingTokenSource(
            _ => Task.FromResult(new AccessToken($"t{++fetches}", _time.GetUtcNow()
                .AddMinutes(5))),
            timeProvider: _time);

        var first = await source.GetTokenAsync();
        _time.Advance(TimeSpan.FromMinutes(4));
        var second = await source.GetTokenAsync();

        Assert.Equal("t1", first);
        Assert.Equal("t1", second);
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task GetTokenAsync_WithinMargin_Refreshes()
    {
        var fetches = 0;
        var source = new CachingTokenSource(
            _ => Task.FromResult(new AccessToken($"t{++fetches}", _time.GetUtcNow()
                .AddMinutes(1))),
            refreshMargin: TimeSpan.FromSeconds(30),
            timeProvider: _time);

        await source.GetTokenAsync();
        _time.Advance(TimeSpan.FromSeconds(31));
        var second = await source.GetTokenAsync();

        Assert.Equal("t2", second);
        Assert.Equal(TimeSpan.FromSeconds(30), source.RefreshMargin);
    }

    [Fact]
    public async Task GetTokenAsync_LifetimeShorterThanMargin_UsesFirstHalfOfLife()
    {
        var fetches = 0;
        var source = new CachingTokenSource(
            _ => Task.FromResult(new AccessToken($"t{++fetches}", _time.GetUtcNow()
                .AddSeconds(20))),
            timeProvider: _time);

        await source.GetTokenAsync();
        _time.Advance(TimeSpan.FromSeconds(9));
        var stillCached = await source.GetTokenAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await source.GetTokenAsync();

        Assert.Equal("t1", stillCached);
        Assert.Equal("t2", refreshed);
    }

    [Fact]
    public void Constructor_DefaultMargin_IsThirtySeconds()
    {
        var source = new CachingTokenSource(_ => Task.FromResult(default(AccessToken)));

        Assert.Equal(TimeSpan.FromSeconds(30), source.RefreshMargin);
    }

    [Fact]
    public async Task GetTokenAsync_ManyConcurrentCallers_ShareOneFetch()
    {
        var release = new TaskCompletionSource<AccessToken>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var fetches = 0;
        var source = new CachingTokenSource(
            async _ =>
            {
                Interlocked.Increment(ref fetches);
                return await release.Task;
            },
            timeProvider: _time);

        var waiters = Enumerable.Range(0, 50)
            .Select(_ => source.GetTokenAsync().AsTask())
            .ToArray();
        release.SetResult(new AccessToken("shared", _time.GetUtcNow().AddHours(1)));
        var tokens = await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(tokens, t => Assert.Equal("shared", t));
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task GetTokenAsync_FetchFails_EveryWaiterSeesErrorAndNextCallRetries()
    {
        var release = new TaskCompletionSource<AccessToken>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var fetches = 0;
        var source = new CachingTokenSource(
            async _ =>
            {
                if (Interlocked.Increment(ref fetches) == 1)
                {
                    return await release.Task;
                }

                return new AccessToken("second", _time.GetUtcNow().AddHours(1));
            },
            timeProvider: _time);

        var waiters = Enumerable.Range(0, 10)
            .Select(_ => source.GetTokenAsync().AsTask())
            .ToArray();
        release.SetException(new InvalidOperationException("token endpoint down"));
        var failures = await Task.WhenAll(waiters.Select(w =>
            Assert.ThrowsAsync<InvalidOperationException>(() => w)));
        var retried = await source.GetTokenAsync();

        Assert.All(failures, f => Assert.Equal("token endpoint down", f.Message));
        Assert.Equal("second", retried);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task RefreshAsync_TokenAlreadyReplaced_ReturnsNewWithoutFetching()
    {
        var fetches = 0;
        var source = new CachingTokenSource(
            _ => Task.FromResult(new AccessToken($"t{++fetches}", _time.GetUtcNow()
                .AddHours(1))),
            timeProvider: _time);
        await source.GetTokenAsync();

        var refreshed = await source.RefreshAsync("t1");
        var again = await source.RefreshAsync("t1");

        Assert.Equal("t2", refreshed);
        Assert.Equal("t2", again);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public void AccessToken_ToString_HidesValue()
    {
        var token = new AccessToken("very-secret", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("very-secret", token.ToString(), StringComparison.Ordinal);
    }
}
