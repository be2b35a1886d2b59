using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AioGraphQL.DemoServer;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.WebSockets;

/// <summary>
/// Subscriptions against the demo server: every auth pattern, both sub-protocols.
/// </summary>
public sealed class DemoServerWebSocketTests : IAsyncLifetime
{
    private const string WhoAmI = "subscription { whoami { login authMethod } }";

    private DemoServerHost? _server;

    private DemoServerHost Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await DemoServerHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public static TheoryData<GraphQLWebSocketProtocol> Protocols() =>
        new(GraphQLWebSocketProtocol.GraphQLTransportWs, GraphQLWebSocketProtocol.GraphQLWs);

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_BearerTokenHeader_AuthenticatesTheSocket(
        GraphQLWebSocketProtocol protocol)
    {
        var token = await IssueTokenAsync();
        await using var client = Create(protocol,
            new GraphQLHeaders { ["Authorization"] = GraphQLAuth.Bearer(token) });

        var acknowledged = await IsAcknowledgedAsync(client);

        Assert.True(acknowledged);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_ApiKeyHeader_AuthenticatesTheSocket(
        GraphQLWebSocketProtocol protocol)
    {
        await using var client = Create(protocol,
            new GraphQLHeaders { ["X-API-Key"] = DemoCredentials.ApiKey });

        var acknowledged = await IsAcknowledgedAsync(client);

        Assert.True(acknowledged);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_CookieSessionOfInjectedHttpClient_ReachesTheHandshake(
        GraphQLWebSocketProtocol protocol)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        using var login = await http.PostAsJsonAsync(new Uri(Server.BaseAddress, "login"),
            new { username = DemoCredentials.User, password = DemoCredentials.Password });
        login.EnsureSuccessStatusCode();
        await using var client = Create(protocol, httpClient: http);

        var acknowledged = await IsAcknowledgedAsync(client);

        Assert.True(acknowledged);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_HttpClientDefaultHeaders_GoOnTheUpgrade(
        GraphQLWebSocketProtocol protocol)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-API-Key", DemoCredentials.ApiKey);
        await using var client = Create(protocol, httpClient: http);

        var acknowledged = await IsAcknowledgedAsync(client);

        Assert.True(acknowledged);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_BadCredential_ThrowsGraphQLWebSocketException4403(
        GraphQLWebSocketProtocol protocol)
    {
        await using var client = Create(protocol,
            new GraphQLHeaders { ["Authorization"] = "Bearer not-a-token" });

        var failure = await Assert.ThrowsAsync<GraphQLWebSocketException>(
            () => IsAcknowledgedAsync(client));

        // The legacy protocol refuses with connection_error, which carries no close code.
        Assert.Equal(protocol == GraphQLWebSocketProtocol.GraphQLTransportWs ? 4403 : null,
            failure.CloseStatus);
        Assert.True(failure.IsRefusal);
        Assert.DoesNotContain("not-a-token", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_ProviderRefreshesAfter4403_Succeeds(
        GraphQLWebSocketProtocol protocol)
    {
        var triggers = new List<GraphQLAuthorizationTrigger>();
        await using var client = Create(protocol, configure: o => o.AuthorizationProvider =
            async (context, token) =>
            {
                triggers.Add(context.Trigger);
                return context.IsRefresh
                    ? GraphQLAuth.Bearer(await IssueTokenAsync())
                    : "Bearer expired";
            });

        var acknowledged = await IsAcknowledgedAsync(client);

        Assert.True(acknowledged);
        Assert.Equal(
            [GraphQLAuthorizationTrigger.WebSocketConnect, GraphQLAuthorizationTrigger.Refused],
            triggers);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_WhoAmI_ReportsTheApiKeyViewer(
        GraphQLWebSocketProtocol protocol)
    {
        await using var client = Create(protocol,
            new GraphQLHeaders { ["X-API-Key"] = DemoCredentials.ApiKey });

        var viewer = await FirstViewerAsync(client.SubscribeAsync(WhoAmI));

        Assert.Equal(("alice", "apikey"), viewer);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SubscribeAsync_CounterAndFailAfter_YieldThenFail(
        GraphQLWebSocketProtocol protocol)
    {
        await using var client = Create(protocol,
            new GraphQLHeaders { ["X-API-Key"] = DemoCredentials.ApiKey });

        var counted = await PeerClients.CollectIntsAsync(
            client.SubscribeAsync("subscription { counter(to: 3) }"), "counter");
        var failed = new List<int>();
        var failure = await Assert.ThrowsAsync<GraphQLResponseException>(async () =>
        {
            await foreach (var response in client.SubscribeAsync(
                "subscription { failAfter(count: 2) }"))
            {
                using (response)
                {
                    failed.Add(response.Data.GetProperty("failAfter").GetInt32());
                }
            }
        });

        Assert.Equal([1, 2, 3], counted);
        Assert.Equal([1, 2], failed);
        Assert.NotEmpty(failure.Errors);
    }

    private GraphQLClient Create(
        GraphQLWebSocketProtocol protocol,
        GraphQLHeaders? headers = null,
        HttpClient? httpClient = null,
        Action<GraphQLClientOptions>? configure = null)
    {
        var options = new GraphQLClientOptions
        {
            Endpoint = Server.Endpoint,
            Headers = headers ?? new GraphQLHeaders(),
        };
        options.WebSocket.Protocols = [protocol];
        configure?.Invoke(options);
        return new GraphQLClient(options, httpClient);
    }

    /// <summary>
    /// Whether the server acknowledged the connection (it closes 4403 on a bad credential),
    /// or the refusal, rethrown.
    /// </summary>
    private static async Task<bool> IsAcknowledgedAsync(GraphQLClient client)
    {
        var acknowledged = new TaskCompletionSource<bool>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = client.Subscribe(
            "subscription { counter(to: 1, delayMs: 60000) }",
            new GraphQLSubscriptionHandler
            {
                OnConnectionAck = () =>
                {
                    acknowledged.TrySetResult(true);
                    return ValueTask.CompletedTask;
                },
                OnError = ex =>
                {
                    acknowledged.TrySetException(ex);
                    return ValueTask.CompletedTask;
                },
            });
        await using (subscription)
        {
            return await acknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private async Task<string> IssueTokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(Server.BaseAddress, "token"),
            new { username = DemoCredentials.User, password = DemoCredentials.Password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<(string?, string?)> FirstViewerAsync(
        IAsyncEnumerable<GraphQLResponse> stream)
    {
        await foreach (var response in stream)
        {
            using (response)
            {
                var viewer = response.Data.GetProperty("whoami");
                return (viewer.GetProperty("login").GetString(),
                    viewer.GetProperty("authMethod").GetString());
            }
        }

        return (null, null);
    }
}
