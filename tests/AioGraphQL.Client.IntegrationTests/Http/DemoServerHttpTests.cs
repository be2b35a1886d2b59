using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AioGraphQL.DemoServer;

namespace AioGraphQL.Client.IntegrationTests.Http;

public sealed class DemoServerHttpTests : IAsyncLifetime
{
    private DemoServerHost _server = null!;

    private static readonly HttpClient s_http = new();

    public async Task InitializeAsync() => _server = await DemoServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task QueryAsync_BearerDefault_ServerSeesBearer()
    {
        var token = await FetchTokenAsync();
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["Authorization"] = GraphQLAuth.Bearer(token) });

        using var response = await client.QueryAsync("{ viewer { login authMethod } }");

        Assert.Equal("bearer", Method(response));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryAsync_Basic_ServerSeesBasic()
    {
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new()
            {
                ["Authorization"] = GraphQLAuth.Basic(
                    DemoCredentials.User,
                    DemoCredentials.Password),
            });

        using var response = await client.QueryAsync("{ viewer { login authMethod } }");

        Assert.Equal("basic", Method(response));
    }

    [Fact]
    public async Task QueryAsync_ApiKey_ServerSeesApiKey()
    {
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey });

        using var response = await client.QueryAsync("{ viewer { login authMethod } }");

        Assert.Equal("apikey", Method(response));
    }

    [Fact]
    public async Task QueryAsync_CookieSessionHttpClient_ServerSeesCookie()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        using var login = await http.PostAsJsonAsync(new Uri(_server.BaseAddress, "login"),
            new { username = DemoCredentials.User, password = DemoCredentials.Password });
        login.EnsureSuccessStatusCode();
        await using var client = new GraphQLClient(_server.Endpoint.ToString(), httpClient: http);

        using var first = await client.QueryAsync("{ viewer { login authMethod } }");
        using var second = await client.QueryAsync("{ me { login } }");

        Assert.Equal("cookie", Method(first));
        Assert.Equal("alice", second.ThrowIfErrors().Data.GetProperty("me")
            .GetProperty("login").GetString());
    }

    [Fact]
    public async Task QueryAsync_PerRequestOverride_WinsForThatCallOnly()
    {
        var token = await FetchTokenAsync();
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey });

        using var overridden = await client.QueryAsync(
            "{ viewer { login authMethod } }",
            headers: new() { ["Authorization"] = GraphQLAuth.Bearer(token) });
        using var plain = await client.QueryAsync("{ viewer { login authMethod } }");

        Assert.Equal("bearer", Method(overridden));
        Assert.Equal("apikey", Method(plain));
        Assert.Null(client.DefaultHeaders["Authorization"]);
    }

    [Fact]
    public async Task QueryAsync_ThousandConcurrentCallsWithOwnTokens_EachServerSawItsOwn()
    {
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["X-Call-Token"] = "client-default" });
        var request = new GraphQLRequest(
            "{ echoHeader(name: \"X-Call-Token\") }",
            headers: new() { ["X-Call-Token"] = "request-layer" });

        var calls = Enumerable.Range(0, 1000).Select(async i =>
        {
            var token = $"token-{i}";
            using var response = await client.QueryAsync(
                request,
                headers: new() { ["x-call-token"] = token });
            return (token, seen: response.ThrowIfErrors().Data.GetProperty("echoHeader")
                .GetString());
        });
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, r => Assert.Equal(r.token, r.seen));
        Assert.Equal("client-default", client.DefaultHeaders["X-Call-Token"]);
        Assert.Equal("request-layer", request.Headers!["X-Call-Token"]);
    }

    [Fact]
    public async Task QueryAsync_ExpiredBearer_Returns401WithGraphQLErrors()
    {
        var token = await FetchTokenAsync(ttlSeconds: 0);
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["Authorization"] = GraphQLAuth.Bearer(token) });

        using var response = await client.QueryAsync("{ viewer { login } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task QueryAsync_Provider200Unauthenticated_RefreshesAndRetriesOnce()
    {
        var expired = await FetchTokenAsync(ttlSeconds: 0);
        var refreshes = 0;
        await using var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = _server.Endpoint200,
            AuthorizationProvider = async (context, ct) =>
            {
                if (!context.IsRefresh)
                {
                    return GraphQLAuth.Bearer(expired);
                }

                Interlocked.Increment(ref refreshes);
                return GraphQLAuth.Bearer(await FetchTokenAsync());
            },
        });

        using var response = await client.QueryAsync("{ viewer { login authMethod } }");

        Assert.Equal("bearer", Method(response));
        Assert.Equal(1, refreshes);
    }

    [Fact]
    public async Task QueryAsync_ValidationError_Returns400WithErrors()
    {
        await using var client = new GraphQLClient(_server.Endpoint.ToString());

        using var response = await client.QueryAsync("{ noSuchField }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(response.Errors);
        Assert.Equal(JsonValueKind.Undefined, response.Data.ValueKind);
    }

    [Fact]
    public async Task QueryAsync_FieldError_KeepsPartialDataAndExtensions()
    {
        await using var client = new GraphQLClient(_server.Endpoint.ToString());

        using var response = await client.QueryAsync("{ hello boom }");

        Assert.Contains("world", response.Data.GetProperty("hello").GetString(),
            StringComparison.Ordinal);
        var error = Assert.Single(response.Errors);
        Assert.Equal("DEMO_ERROR", error.Code);
        Assert.Equal(["boom"], error.Path);
        var ex = Assert.Throws<GraphQLResponseException>(() => response.ThrowIfErrors());
        Assert.Same(response, ex.Response);
    }

    [Fact]
    public async Task GetAsync_QueryWithVariables_Works()
    {
        await using var client = new GraphQLClient(_server.Endpoint.ToString());

        using var response = await client.QueryAsync(
            "query Q($n: String) { hello(name: $n) }",
            operationName: "Q",
            variables: new Dictionary<string, object?> { ["n"] = "get & co" },
            method: GraphQLHttpMethod.Get);

        Assert.Contains("get & co", response.ThrowIfErrors().Data.GetProperty("hello").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_Mutation_RunsOverPost()
    {
        await using var client = new GraphQLClient(_server.Endpoint.ToString());

        using var response = await client.QueryAsync(
            "mutation M($t: String!) { setGreeting(text: $t) }",
            variables: new Dictionary<string, object?> { ["t"] = "hi" });

        Assert.Equal("hi", response.ThrowIfErrors().Data.GetProperty("setGreeting").GetString());
    }

    [Fact]
    public async Task GetData_TypedResult_Deserializes()
    {
        await using var client = new GraphQLClient(
            _server.Endpoint.ToString(),
            headers: new() { ["X-API-Key"] = DemoCredentials.ApiKey });

        using var response = await client.QueryAsync("{ viewer { login authMethod } }");
        var data = response.GetData<ViewerData>();

        Assert.Equal("alice", data!.Viewer.Login);
        Assert.Equal("apikey", data.Viewer.AuthMethod);
    }

    private static string? Method(GraphQLResponse response) =>
        response.ThrowIfErrors().Data.GetProperty("viewer").GetProperty("authMethod").GetString();

    private async Task<string> FetchTokenAsync(int? ttlSeconds = null)
    {
        using var response = await s_http.PostAsJsonAsync(new Uri(_server.BaseAddress, "token"),
            new
            {
                username = DemoCredentials.User,
                password = DemoCredentials.Password,
                ttlSeconds,
            });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public sealed record ViewerData(ViewerInfo Viewer);

    public sealed record ViewerInfo(string Login, string AuthMethod);
}
