using AioGraphQL.Client.IntegrationTests.Support;

namespace AioGraphQL.Client.IntegrationTests.Http;

public sealed class AuthorizationProviderTests : IAsyncLifetime
{
    private FaultServer _server = null!;

    public async Task InitializeAsync() => _server = await FaultServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task QueryAsync_TwentyRefusedTogether_ShareOneRefreshAndRetryWithNewValue()
    {
        var refreshes = 0;
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = 0;
        var options = new GraphQLClientOptions
        {
            Endpoint = _server.Url("auth-401"),
            AuthorizationProvider = async (context, _) =>
            {
                if (context.IsRefresh)
                {
                    Interlocked.Increment(ref refreshes);
                    return "Bearer good";
                }

                // Hold every call until all twenty have their (stale) value, so they are
                // refused together.
                if (Interlocked.Increment(ref asked) == 20)
                {
                    allSent.SetResult();
                }

                await allSent.Task;
                return "Bearer stale";
            },
        };
        await using var client = new GraphQLClient(options);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => client.QueryAsync("{ ok }"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(responses, r => Assert.True(r.Data.GetProperty("ok").GetBoolean()));
        Assert.Equal(1, refreshes);
        Assert.Equal(20, _server.ReceivedAuthorizations.Count(v => v == "Bearer stale"));
        Assert.Equal(20, _server.ReceivedAuthorizations.Count(v => v == "Bearer good"));
    }

    [Fact]
    public async Task QueryAsync_RefreshFails_AllFailWithThatErrorAndNoneRetried()
    {
        var refreshes = 0;
        var allSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = 0;
        var options = new GraphQLClientOptions
        {
            Endpoint = _server.Url("auth-401"),
            AuthorizationProvider = async (context, _) =>
            {
                if (context.IsRefresh)
                {
                    Interlocked.Increment(ref refreshes);
                    throw new InvalidOperationException("identity provider unavailable");
                }

                if (Interlocked.Increment(ref asked) == 20)
                {
                    allSent.SetResult();
                }

                await allSent.Task;
                return "Bearer stale";
            },
        };
        await using var client = new GraphQLClient(options);

        var calls = Enumerable.Range(0, 20).Select(_ => client.QueryAsync("{ ok }")).ToArray();
        var failures = await Task.WhenAll(calls.Select(c =>
            Assert.ThrowsAsync<InvalidOperationException>(() => c)));

        Assert.All(failures, f => Assert.Equal("identity provider unavailable", f.Message));
        Assert.Equal(1, refreshes);
        Assert.Equal(20, _server.ReceivedAuthorizations.Count);
        Assert.All(_server.ReceivedAuthorizations, v => Assert.Equal("Bearer stale", v));
    }

    [Fact]
    public async Task QueryAsync_CallSetsAuthorization_ProviderNotAsked()
    {
        var asked = 0;
        var options = new GraphQLClientOptions
        {
            Endpoint = _server.Url("auth-401"),
            AuthorizationProvider = (_, _) =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult<string?>("Bearer stale");
            },
        };
        await using var client = new GraphQLClient(options);

        using var response = await client.QueryAsync(
            "{ ok }",
            headers: new() { ["Authorization"] = "Bearer good" });

        Assert.True(response.Data.GetProperty("ok").GetBoolean());
        Assert.Equal(0, asked);
    }
}
