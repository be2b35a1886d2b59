using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AioGraphQL.DemoServer;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static AioGraphQL.Client.IntegrationTests.DemoServer.DemoHttp;

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

        var token = await IssueTokenAsync(_http, _host);
        var (response, body) = await PostWithBearerAsync(_http, _host.Endpoint, ViewerQuery, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bearer", ViewerMethod(body));
        Assert.True(_host.TokensIssued > issuedBefore);
    }

    [Fact]
    public async Task Token_WrongPassword_Returns401()
    {
        using var credentials = JsonContent("""{"username":"alice","password":"guess"}""");

        using var response = await _http.PostAsync(
            new Uri(_host.BaseAddress, "token"),
            credentials);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_TokenPastItsLifetime_Returns401()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { TimeProvider = clock });
        var token = await IssueTokenAsync(_http, host, ttlSeconds: 60);
        var (fresh, _) = await PostWithBearerAsync(_http, host.Endpoint, ViewerQuery, token);

        clock.Advance(TimeSpan.FromSeconds(61));
        var (expired, body) = await PostWithBearerAsync(_http, host.Endpoint, ViewerQuery, token);

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
            _http,
            _host.Endpoint,
            ViewerQuery,
            request => request.Headers.Authorization = new("Basic", pair));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("basic", ViewerMethod(body));
    }

    [Fact]
    public async Task ApiKey_DemoKey_ReportsApiKeyAndMe()
    {
        var (response, body) = await PostAsync(
            _http,
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
            _http,
            _host.Endpoint,
            ViewerQuery,
            request => request.Headers.Add("X-API-Key", WrongKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(
            "application/graphql-response+json",
            response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
        Assert.False(body.TryGetProperty("data", out _));
        Assert.DoesNotContain(WrongKey, body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_InvalidBesideValidApiKey_Returns401()
    {
        var (response, _) = await PostAsync(
            _http,
            _host.Endpoint,
            ViewerQuery,
            request =>
            {
                request.Headers.Authorization = new("Bearer", "not-issued");
                request.Headers.Add("X-API-Key", DemoCredentials.ApiKey);
            });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_DemoUser_SessionCookieAuthenticates()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var credentials = JsonContent("""{"username":"alice","password":"wonderland"}""");

        using var login = await client.PostAsync(new Uri(_host.BaseAddress, "login"), credentials);
        var (_, body) = await PostAsync(client, _host.Endpoint, ViewerQuery);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.EndsWith(
            "; Path=/; HttpOnly",
            login.Headers.GetValues("Set-Cookie").Single(),
            StringComparison.Ordinal);
        Assert.Equal("cookie", ViewerMethod(body));
    }

    [Fact]
    public async Task Me_Anonymous_ReturnsUnauthenticatedFieldError()
    {
        var query = "{ viewer { authMethod } me { id } }";

        var (response, body) = await PostAsync(_http, _host.Endpoint, query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", ViewerMethod(body));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").GetProperty("me").ValueKind);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Endpoint200_InvalidToken_Returns200WithUnauthenticatedError()
    {
        var (response, body) = await PostWithBearerAsync(
            _http,
            _host.Endpoint200,
            ViewerQuery,
            "expired");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", FirstErrorCode(body));
    }

    [Fact]
    public async Task Boom_Query_ErrorHasCodeDetailAndTopLevelType()
    {
        var (_, body) = await PostAsync(_http, _host.Endpoint, "{ boom }");

        var error = body.GetProperty("errors")[0];
        Assert.Equal("boom", error.GetProperty("message").GetString());
        Assert.Equal("DemoError", error.GetProperty("type").GetString());
        Assert.Equal("DEMO_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.True(error.GetProperty("extensions").TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task EchoHeader_CustomHeader_ReturnsValueAsSent()
    {
        var query = """{ echoHeader(name: "x-request-id") missing: echoHeader(name: "x-none") }""";

        var (_, body) = await PostAsync(
            _http,
            _host.Endpoint,
            query,
            request => request.Headers.Add("X-Request-Id", "req-42"));

        var data = body.GetProperty("data");
        Assert.Equal("req-42", data.GetProperty("echoHeader").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("missing").ValueKind);
    }

    [Fact]
    public async Task Big_SixtyFourKilobytes_ReturnsThatLongAString()
    {
        var (_, body) = await PostAsync(_http, _host.Endpoint, "{ big(kb: 64) }");

        Assert.Equal(64 * 1024, body.GetProperty("data").GetProperty("big").GetString()?.Length);
    }

    [Fact]
    public async Task Get_Query_ReturnsData()
    {
        var query = Uri.EscapeDataString("""{ hello(name: "get") }""");

        using var response = await _http.GetAsync(new Uri(_host.Endpoint, "?query=" + query));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, get!", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Get_Mutation_Returns405AllowingPost()
    {
        var query = Uri.EscapeDataString("""mutation { setGreeting(text: "hi") }""");

        using var response = await _http.GetAsync(new Uri(_host.Endpoint, "?query=" + query));
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Post_ValidationError_Returns400()
    {
        var (response, body) = await PostAsync(_http, _host.Endpoint, "{ noSuchField }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Post_ValidationErrorAcceptingOnlyJson_Returns200()
    {
        var (response, _) = await PostAsync(
            _http,
            _host.Endpoint,
            "{ noSuchField }",
            request => request.Headers.Accept.ParseAdd("application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_Subscription_Returns400()
    {
        var (response, _) = await PostAsync(_http, _host.Endpoint, "subscription { counter }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400WithErrors()
    {
        using var content = JsonContent("""{"query": """);

        using var response = await _http.PostAsync(_host.Endpoint, content);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Post_TextPlainBody_Returns415()
    {
        using var content = new StringContent("{ hello }", Encoding.UTF8, "text/plain");

        using var response = await _http.PostAsync(_host.Endpoint, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Put_AnyBody_Returns405AllowingGetAndPost()
    {
        using var content = GraphQLContent("{ hello }");

        using var response = await _http.PutAsync(_host.Endpoint, content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task TransportWs_SubscribeCounter_SendsEachValueThenComplete()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync(Subscribe("c1", "subscription { counter(to: 3) }"));
        var messages = await socket.ReceiveJsonAsync(count: 4);

        Assert.Equal(["next", "next", "next", "complete"], messages.Select(TypeOf));
        Assert.Equal(
            [1, 2, 3],
            messages.Take(3).Select(message => DataOf(message).GetProperty("counter").GetInt32()));
        Assert.All(messages, message => Assert.Equal("c1", message.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TransportWs_Query_SendsNextThenComplete()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync(Subscribe("q", "{ viewer { authMethod } }"));
        var messages = await socket.ReceiveJsonAsync(count: 2);

        Assert.Equal(["next", "complete"], messages.Select(TypeOf));
        Assert.Equal("none", DataOf(messages[0]).GetProperty("viewer")
            .GetProperty("authMethod").GetString());
    }

    [Fact]
    public async Task TransportWs_ApiKeyUnderPayloadHeaders_WhoamiReportsApiKey()
    {
        var payload = $$$"""{"headers":{"x-api-key":"{{{DemoCredentials.ApiKey}}}"}}""";
        await using var socket = await ConnectTransportWsAsync(_host, payload);

        await socket.SendAsync(Subscribe("w", "subscription { whoami { authMethod } }"));
        var next = await socket.ReceiveJsonAsync();

        Assert.Equal("apikey", DataOf(next).GetProperty("whoami")
            .GetProperty("authMethod").GetString());
    }

    [Fact]
    public async Task TransportWs_CookieOnUpgrade_AuthenticatesConnection()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var credentials = JsonContent("""{"username":"alice","password":"wonderland"}""");
        using var login = await client.PostAsync(new Uri(_host.BaseAddress, "login"), credentials);
        await using var socket = await ConnectTransportWsAsync(
            _host,
            "{}",
            options => options.Cookies = handler.CookieContainer);

        await socket.SendAsync(Subscribe("w", "subscription { whoami { authMethod } }"));
        var next = await socket.ReceiveJsonAsync();

        Assert.Equal("cookie", DataOf(next).GetProperty("whoami")
            .GetProperty("authMethod").GetString());
    }

    [Fact]
    public async Task TransportWs_EchoHeader_PayloadWinsOverUpgradeHeader()
    {
        await using var socket = await ConnectTransportWsAsync(
            _host,
            """{"X-Trace":"from-payload","headers":{"x-trace":"nested","x-only-nested":"n"}}""",
            options => options.SetRequestHeader("X-Upgrade-Only", "u"));

        await socket.SendAsync(Subscribe("e", """
            { trace: echoHeader(name: "x-trace") nested: echoHeader(name: "X-Only-Nested")
              upgrade: echoHeader(name: "x-upgrade-only") }
            """));
        var data = DataOf(await socket.ReceiveJsonAsync());

        Assert.Equal("from-payload", data.GetProperty("trace").GetString());
        Assert.Equal("n", data.GetProperty("nested").GetString());
        Assert.Equal("u", data.GetProperty("upgrade").GetString());
    }

    [Fact]
    public async Task TransportWs_FailAfter_SendsErrorInsteadOfComplete()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync(Subscribe("f", "subscription { failAfter(count: 1) }"));
        var messages = await socket.ReceiveJsonAsync(count: 2);

        Assert.Equal(["next", "error"], messages.Select(TypeOf));
        Assert.Equal(JsonValueKind.Array, messages[1].GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task TransportWs_ValidationError_SendsError()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync(Subscribe("v", "{ noSuchField }"));
        var error = await socket.ReceiveJsonAsync();

        Assert.Equal("error", TypeOf(error));
        Assert.True(error.GetProperty("payload").GetArrayLength() > 0);
    }

    [Fact]
    public async Task TransportWs_Ping_PongEchoesPayload()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync("""{"type":"ping","payload":{"n":7}}""");
        var pong = await socket.ReceiveJsonAsync();

        Assert.Equal("pong", TypeOf(pong));
        Assert.Equal(7, pong.GetProperty("payload").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task TransportWs_CompleteThenReuseId_RunsTheNewOperation()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");
        await socket.SendAsync(Subscribe("r", "subscription { messages { id } }"));

        await socket.SendAsync("""{"id":"r","type":"complete"}""");
        await socket.SendAsync(Subscribe("r", "{ hello }"));
        var messages = await socket.ReceiveJsonAsync(count: 2);

        Assert.Equal(["next", "complete"], messages.Select(TypeOf));
        Assert.Equal("Hello, world!", DataOf(messages[0]).GetProperty("hello").GetString());
    }

    [Fact]
    public async Task TransportWs_AddMessageOverHttp_ReachesMessagesSubscriber()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");
        await socket.SendAsync(Subscribe("m", "subscription { messages { text } }"));

        // Messages on one socket are handled in order, so once the query after the subscribe
        // is answered, the subscription is in place for the mutation.
        await socket.SendAsync(Subscribe("q", "{ hello }"));
        await socket.ReceiveJsonAsync(count: 2);
        await PostAsync(_http, _host.Endpoint, """mutation { addMessage(text: "hi") { id } }""");
        var next = await socket.ReceiveJsonAsync();

        Assert.Equal("m", next.GetProperty("id").GetString());
        Assert.Equal("hi", DataOf(next).GetProperty("messages").GetProperty("text").GetString());
    }

    [Fact]
    public async Task TransportWs_WrongApiKey_ClosesWith4403()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [TransportWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{"X-API-Key":"wrong"}}""");
        var (code, reason, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4403, code);
        Assert.Equal("Forbidden", reason);
    }

    [Fact]
    public async Task TransportWs_SubscribeBeforeInit_ClosesWith4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [TransportWs]);

        await socket.SendAsync(Subscribe("1", "{ hello }"));
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4401, code);
    }

    [Fact]
    public async Task TransportWs_SecondInit_ClosesWith4429()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync("""{"type":"connection_init"}""");
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4429, code);
    }

    [Fact]
    public async Task TransportWs_UnknownMessageType_ClosesWith4400()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");

        await socket.SendAsync("""{"type":"start","id":"1"}""");
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4400, code);
    }

    [Fact]
    public async Task TransportWs_NoInitWithinTimeout_ClosesWith4408()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { TimeProvider = clock });
        await using var socket = await RawWebSocket.ConnectAsync(
            host.WebSocketEndpoint,
            [TransportWs]);

        // The pong proves the session, and with it the initialisation timer, has started.
        await socket.SendAsync("""{"type":"ping"}""");
        var pong = await socket.ReceiveJsonAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal("pong", TypeOf(pong));
        Assert.Equal(4408, code);
    }

    [Fact]
    public async Task TransportWs_DuplicateSubscribeId_ClosesWith4409()
    {
        await using var socket = await ConnectTransportWsAsync(_host, "{}");
        var subscribe = Subscribe("dup", "subscription { messages { id } }");

        await socket.SendAsync(subscribe);
        await socket.SendAsync(subscribe);
        var (code, reason, _) = await socket.ReceiveCloseAsync();

        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
    }

    [Fact]
    public async Task Legacy_StartCounter_SendsDataThenComplete()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{}}""");
        var ack = await socket.ReceiveJsonAsync();
        await socket.SendAsync(Start("1", "subscription { counter(to: 2) }"));
        var messages = await socket.ReceiveJsonSkippingKeepAliveAsync(count: 3);

        Assert.Equal(LegacyWs, socket.SubProtocol);
        Assert.Equal("connection_ack", TypeOf(ack));
        Assert.Equal(["data", "data", "complete"], messages.Select(TypeOf));
        Assert.Equal(2, DataOf(messages[1]).GetProperty("counter").GetInt32());
    }

    [Fact]
    public async Task Legacy_AfterAck_SendsKeepAliveAtOnceAndEveryTenSeconds()
    {
        var clock = new FakeTimeProvider();
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { TimeProvider = clock });
        await using var socket = await RawWebSocket.ConnectAsync(
            host.WebSocketEndpoint,
            [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_init"}""");
        var first = await socket.ReceiveJsonAsync(count: 2);
        clock.Advance(TimeSpan.FromSeconds(10));
        var second = await socket.ReceiveJsonAsync();

        Assert.Equal(["connection_ack", "ka"], first.Select(TypeOf));
        Assert.Equal("ka", TypeOf(second));
    }

    [Fact]
    public async Task Legacy_WrongApiKey_SendsConnectionErrorThenCloses()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_init","payload":{"X-API-Key":"wrong"}}""");
        var (code, _, messages) = await socket.ReceiveCloseAsync();

        Assert.Equal("connection_error", TypeOf(Assert.Single(messages)));
        Assert.Equal(4403, code);
    }

    [Fact]
    public async Task Legacy_ConnectionTerminate_ClosesSocket()
    {
        await using var socket = await RawWebSocket.ConnectAsync(
            _host.WebSocketEndpoint,
            [LegacyWs]);

        await socket.SendAsync("""{"type":"connection_terminate"}""");
        var (code, _, _) = await socket.ReceiveCloseAsync();

        Assert.Equal((int)WebSocketCloseStatus.NormalClosure, code);
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
    public async Task Upgrade_ServerPrefersLegacy_ChoosesLegacy()
    {
        await using var host = await DemoServerHost.StartAsync(
            new DemoServerOptions { WebSocketSubProtocols = [LegacyWs, TransportWs] });

        await using var socket = await RawWebSocket.ConnectAsync(
            host.WebSocketEndpoint,
            [TransportWs, LegacyWs]);

        Assert.Equal(LegacyWs, socket.SubProtocol);
    }

    [Fact]
    public async Task Upgrade_NoSubProtocolOffered_SpeaksLegacy()
    {
        await using var socket = await RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, []);

        await socket.SendAsync("""{"type":"connection_init"}""");
        var ack = await socket.ReceiveJsonAsync();

        Assert.Null(socket.SubProtocol);
        Assert.Equal("connection_ack", TypeOf(ack));
    }

    [Fact]
    public async Task Upgrade_UnknownSubProtocol_IsRejected()
    {
        var connect = RawWebSocket.ConnectAsync(_host.WebSocketEndpoint, ["graphql-unknown"]);

        await Assert.ThrowsAsync<WebSocketException>(() => connect);
    }

    private static async Task<RawWebSocket> ConnectTransportWsAsync(
        DemoServerHost host,
        string initPayload,
        Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = await RawWebSocket.ConnectAsync(
            host.WebSocketEndpoint,
            [TransportWs],
            configure);
        await socket.SendAsync($$"""{"type":"connection_init","payload":{{initPayload}}}""");
        var ack = await socket.ReceiveJsonAsync();
        Assert.Equal("connection_ack", TypeOf(ack));
        return socket;
    }

    private static string Subscribe(string id, string query) => Operation("subscribe", id, query);

    private static string Start(string id, string query) => Operation("start", id, query);

    private static string Operation(string type, string id, string query) =>
        JsonSerializer.Serialize(new { id, type, payload = new { query } });

    private static string? TypeOf(JsonElement message) =>
        message.GetProperty("type").GetString();

    private static JsonElement DataOf(JsonElement message) =>
        message.GetProperty("payload").GetProperty("data");
}
