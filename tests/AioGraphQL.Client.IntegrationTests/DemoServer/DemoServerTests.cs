using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AioGraphQL.DemoServer;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.DemoServer;

/// <summary>Proves the demo server with a raw HttpClient and a raw ClientWebSocket.</summary>
public sealed class DemoServerTests : IClassFixture<DemoServerFixture>, IDisposable
{
    private const string ViewerQuery = "{ viewer { login authMethod } }";

    private const string TransportWs = "graphql-transport-ws";

    private const string LegacyWs = "graphql-ws";

    private readonly DemoServerHost _host;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public DemoServerTests(DemoServerFixture fixture)
    {
        _host = fixture.Host;
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Token_ValidCredentials_BearerTokenAuthenticates()
    {
        var issuedBefore = _host.TokensIssued;

        var token = await IssueTokenAsync(_host, ttlSeconds: null);
        var (response, body) = await PostAsync(_host.Endpoint, ViewerQuery, bearer: token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bearer", body.GetProperty("data").GetProperty("viewer")
            .GetProperty("authMethod").GetString());
        Assert.True(_host.TokensIssued > issuedBefore);
    }

    [Fact]
    public async Task Token_WrongPassword_Returns401()
    {
        var credentials = """{"username":"alice","password":"guess"}""";

        using var response = await _http.PostAsync(
            new Uri(_host.BaseAddress, "token"),
            new StringContent(credentials, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_TokenPastItsLifetime_Returns401()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { TimeProvider = clock });
        var token = await IssueTokenAsync(host, ttlSeconds: 60);
        var (fresh, _) = await PostAsync(host.Endpoint, ViewerQuery, bearer: token);

        clock.Advance(TimeSpan.FromSeconds(61));
        var (expired, body) = await PostAsync(host.Endpoint, ViewerQuery, bearer: token);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
        Assert.Equal(1, host.TokensIssued);
    }

    [Fact]
    public async Task Basic_DemoUser_ReportsBasic()
    {
        var pair = Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{DemoCredentials.User}:{DemoCredentials.Password}"));

        var (response, body) = await PostAsync(
            _host.Endpoint,
            ViewerQuery,
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Basic", pair));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("basic", ViewerMethod(body));
    }

    [Fact]
    public async Task ApiKey_DemoKey_ReportsApiKey()
    {
        var (response, body) = await PostAsync(
            _host.Endpoint,
            "{ viewer { login authMethod } me { login } }",
            request => request.Headers.Add("X-API-Key", DemoCredentials.ApiKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("apikey", ViewerMethod(body));
        Assert.Equal("alice", body.GetProperty("data").GetProperty("me")
            .GetProperty("login").GetString());
    }

    [Fact]
    public async Task ApiKey_WrongKey_Returns401WithGraphQLErrorBody()
    {
        const string WrongKey = "not-the-key-1234";

        var (response, body) = await PostAsync(
            _host.Endpoint,
            ViewerQuery,
            request => request.Headers.Add("X-API-Key", WrongKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
        Assert.False(body.TryGetProperty("data", out _));
        Assert.DoesNotContain(WrongKey, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_DemoUser_SessionCookieAuthenticates()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

        using var login = await client.PostAsync(
            new Uri(_host.BaseAddress, "login"),
            new StringContent("""{"username":"alice","password":"wonderland"}""",
                Encoding.UTF8, "application/json"));
        using var response = await client.PostAsync(_host.Endpoint, GraphQLContent(ViewerQuery));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("HttpOnly", login.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal("cookie", ViewerMethod(body));
    }

    [Fact]
    public async Task Me_Anonymous_ReturnsUnauthenticatedFieldError()
    {
        var (response, body) = await PostAsync(_host.Endpoint, "{ viewer { authMethod } me { id } }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", ViewerMethod(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("me").ValueKind);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Endpoint200_InvalidToken_Returns200WithUnauthenticatedError()
    {
        var (response, body) = await PostAsync(_host.Endpoint200, ViewerQuery, bearer: "expired");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Boom_Query_ErrorHasCodeDetailAndTopLevelType()
    {
        var (_, body) = await PostAsync(_host.Endpoint, "{ boom }");

        var error = body.GetProperty("errors")[0];
        Assert.Equal("boom", error.GetProperty("message").GetString());
        Assert.Equal("DemoError", error.GetProperty("type").GetString());
        Assert.Equal("DEMO_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(error.GetProperty("extensions").TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task Get_Query_ReturnsData()
    {
        var uri = new Uri(_host.Endpoint, "?query=" + Uri.EscapeDataString("{ hello(name: \"get\") }"));

        using var response = await _http.GetAsync(uri);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, get!", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_Mutation_Returns405AllowingPost()
    {
        var uri = new Uri(
            _host.Endpoint,
            "?query=" + Uri.EscapeDataString("mutation { setGreeting(text: \"hi\") }"));

        using var response = await _http.GetAsync(uri);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Post_ValidationError_Returns400()
    {
        var (response, body) = await PostAsync(_host.Endpoint, "{ noSuchField }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Post_ValidationErrorAcceptingOnlyJson_Returns200()
    {
        var (response, _) = await PostAsync(
            _host.Endpoint,
            "{ noSuchField }",
            request => request.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400WithErrors()
    {
        using var content = new StringContent("{\"query\": ", Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(_host.Endpoint, content);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task TransportWs_SubscribeCounter_SendsEachValueThenComplete()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync("""
            {"id":"c1","type":"subscribe","payload":{"query":"subscription { counter(to: 3) }"}}
            """);
        var messages = new List<JsonElement>();
        for (var index = 0; index < 4; index++)
        {
            messages.Add(await socket.ReceiveJsonAsync());
        }

        Assert.Equal(
            ["next", "next", "next", "complete"],
            messages.Select(message => message.GetProperty("type").GetString()));
        Assert.Equal(
            [1, 2, 3],
            messages.Take(3).Select(message => message.GetProperty("payload").GetProperty("data")
                .GetProperty("counter").GetInt32()));
        Assert.All(messages, message => Assert.Equal("c1", message.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TransportWs_WhoamiWithPayloadKey_ReportsApiKey()
    {
        await using var socket = await ConnectTransportWsAsync(
            _host,
            $$$"""{"headers":{"x-api-key":"{{{DemoCredentials.ApiKey}}}"}}""");

        await socket.SendAsync("""
            {"id":"w","type":"subscribe","payload":{"query":"subscription { whoami { authMethod } }"}}
            """);
        var next = await socket.ReceiveJsonAsync();

        Assert.Equal("apikey", next.GetProperty("payload").GetProperty("data")
            .GetProperty("whoami").GetProperty("authMethod").GetString());
    }

    [Fact]
    public async Task TransportWs_FailAfter_SendsErrorInsteadOfComplete()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync("""
            {"id":"f","type":"subscribe","payload":{"query":"subscription { failAfter(count: 1) }"}}
            """);
        var first = await socket.ReceiveJsonAsync();
        var second = await socket.ReceiveJsonAsync();

        Assert.Equal("next", first.GetProperty("type").GetString());
        Assert.Equal("error", second.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Array, second.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task TransportWs_WrongApiKey_ClosesWith4403()
    {
        await using var socket = await RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, [TransportWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{"X-API-Key":"wrong"}}""");
        var (code, reason, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    [Fact]
    public async Task TransportWs_SubscribeBeforeInit_ClosesWith4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, [TransportWs]);

        await socket.SendAsync("""{"id":"1","type":"subscribe","payload":{"query":"{ hello }"}}""");
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4401, code);
    }

    [Fact]
    public async Task TransportWs_NoInitWithinTimeout_ClosesWith4408()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { TimeProvider = clock });
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketEndpoint, [TransportWs]);

        // The pong proves the session, and so its initialisation timer, has started.
        await socket.SendAsync("""{"type":"ping"}""");
        var pong = await socket.ReceiveJsonAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(4408, code);
    }

    [Fact]
    public async Task TransportWs_DuplicateSubscribeId_ClosesWith4409()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");
        const string Subscribe = """
            {"id":"dup","type":"subscribe","payload":{"query":"subscription { messages { id } }"}}
            """;

        await socket.SendAsync(Subscribe);
        await socket.SendAsync(Subscribe);
        var (code, reason, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
    }

    [Fact]
    public async Task TransportWs_AddMessageOverHttp_ReachesMessagesSubscriber()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");
        await socket.SendAsync("""
            {"id":"m","type":"subscribe","payload":{"query":"subscription { messages { text } }"}}
            """);

        // A query on the same socket is answered only after the subscribe before it was
        // started, so the subscription is in place when the mutation runs.
        await socket.SendAsync("""{"id":"q","type":"subscribe","payload":{"query":"{ hello }"}}""");
        await socket.ReceiveJsonAsync();
        await socket.ReceiveJsonAsync();
        await PostAsync(_host.Endpoint, "mutation { addMessage(text: \"over http\") { id } }");
        var next = await socket.ReceiveJsonAsync();

        Assert.Equal("m", next.GetProperty("id").GetString());
        Assert.Equal("over http", next.GetProperty("payload").GetProperty("data")
            .GetProperty("messages").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Legacy_StartCounter_SendsDataThenComplete()
    {
        await using var socket = await RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{}}""");
        var ack = await socket.ReceiveJsonAsync();
        await socket.SendAsync("""
            {"id":"1","type":"start","payload":{"query":"subscription { counter(to: 2) }"}}
            """);
        var messages = new List<JsonElement>();
        for (var index = 0; index < 3; index++)
        {
            messages.Add(await socket.ReceiveJsonSkippingKeepAliveAsync());
        }

        Assert.Equal(LegacyWs, socket.SubProtocol);
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        Assert.Equal(
            ["data", "data", "complete"],
            messages.Select(message => message.GetProperty("type").GetString()));
        Assert.Equal(2, messages[1].GetProperty("payload").GetProperty("data")
            .GetProperty("counter").GetInt32());
    }

    [Fact]
    public async Task Legacy_WrongApiKey_SendsConnectionErrorThenCloses()
    {
        await using var socket = await RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{"X-API-Key":"wrong"}}""");
        var (code, _, messages) = await socket.ReceiveCloseAsync();

        Assert.Equal("connection_error", Assert.Single(messages).GetProperty("type").GetString());
        Assert.Equal(4403, code);
    }

    [Fact]
    public async Task Upgrade_BothSubProtocolsOffered_ChoosesServerPreference()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [LegacyWs, TransportWs]);

        Assert.Equal(TransportWs, socket.SubProtocol);
    }

    [Fact]
    public async Task Upgrade_UnknownSubProtocol_IsRejected()
    {
        var connect = RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, ["graphql-unknown"]);

        await Assert.ThrowsAsync<WebSocketException>(() => connect);
    }

    private static async Task<RawWebSocket> ConnectTransportWsAsync(DemoServerHost host, string initPayload)
    {
        var socket = await RawWebSocket.ConnectAsync(host.WebSocketEndpoint, [TransportWs]);
        await socket.SendAsync($$"""{"type":"connection_init","payload":{{initPayload}}}""");
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        return socket;
    }

    private async Task<string> IssueTokenAsync(DemoServerHost host, int? ttlSeconds)
    {
        var ttl = ttlSeconds is { } seconds ? $",\"ttlSeconds\":{seconds}" : string.Empty;
        using var response = await _http.PostAsync(
            new Uri(host.BaseAddress, "token"),
            new StringContent(
                $$"""{"username":"alice","password":"wonderland"{{ttl}}}""",
                Encoding.UTF8,
                "application/json"));
        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        return body.GetProperty("access_token").GetString()!; // Asserted present by GetProperty.
    }

    private Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        Uri endpoint,
        string query,
        string bearer) =>
        PostAsync(
            endpoint,
            query,
            request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer));

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(
        Uri endpoint,
        string query,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = GraphQLContent(query),
        };
        configure?.Invoke(request);
        var response = await _http.SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    private static StringContent GraphQLContent(string query) =>
        new(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static string? ViewerMethod(JsonElement body) =>
        body.GetProperty("data").GetProperty("viewer").GetProperty("authMethod").GetString();

    private static string? FirstErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
