using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Proves each reference peer and its per-connection options behave as documented in
/// tests/peers/README.md, talking raw HTTP and WebSocket so that a failure here points at the
/// peer or the fixture, never at the library.
/// </summary>
public sealed class PeerSmokeTests :
    IClassFixture<GraphQLHttpPeerFixture>,
    IClassFixture<GraphQLWsPeerFixture>,
    IClassFixture<SubscriptionsTransportWsPeerFixture>
{
    private const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const string TransportWsProtocol = "graphql-transport-ws";
    private const string LegacyWsProtocol = "graphql-ws";
    private static readonly TimeSpan s_testTimeout = TimeSpan.FromSeconds(15);

    private readonly NodePeer _http;
    private readonly NodePeer _transportWs;
    private readonly NodePeer _legacyWs;

    public PeerSmokeTests(
        GraphQLHttpPeerFixture http,
        GraphQLWsPeerFixture transportWs,
        SubscriptionsTransportWsPeerFixture legacyWs)
    {
        _http = http.Peer;
        _transportWs = transportWs.Peer;
        _legacyWs = legacyWs.Peer;
    }

    [Fact]
    public async Task GraphQLHttpPost_HelloQuery_Returns200WithData()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        using var client = new HttpClient();

        using var response = await PostGraphQLAsync(client, "{ hello }", timeout.Token);
        var body = await ReadJsonAsync(response, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponseMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Hello, world!", body.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task GraphQLHttpPost_UnknownField_Returns400WithGraphQLResponseJson()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        using var client = new HttpClient();

        using var response = await PostGraphQLAsync(client, "{ nope }", timeout.Token);
        var body = await ReadJsonAsync(response, timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(GraphQLResponseMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nope", body.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task GraphQLHttpPost_HeaderAndBoom_EchoesHeaderAndReportsPeerError()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-Peer-Test", "marker");

        using var response = await PostGraphQLAsync(
            client,
            "{ header(name: \"x-peer-test\") boom }",
            timeout.Token);
        var body = await ReadJsonAsync(response, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("marker", body.GetProperty("data").GetProperty("header").GetString());
        var error = body.GetProperty("errors")[0];
        Assert.Equal("PEER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GraphQLWsSubscribe_Counter_SendsItemsThenComplete()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpoint,
            new { },
            timeout.Token);

        await socket.SendAsync(Subscribe("1", "subscription { counter(to: 3) }"), timeout.Token);
        var items = await ReceiveIntsAsync(socket, "next", "counter", 3,
            timeout.Token);
        var complete = await socket.ReceiveTypeAsync("complete", timeout.Token);

        Assert.Equal(TransportWsProtocol, socket.SubProtocol);
        Assert.Equal([1, 2, 3], items);
        Assert.Equal("1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GraphQLWsSubscribe_CloseAfter4499_ClosesSocketWith4499()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpoint,
            new { },
            timeout.Token);

        await socket.SendAsync(
            Subscribe("1", "subscription { closeAfter(count: 1, code: 4499, reason: \"bye\") }"),
            timeout.Token);
        await socket.ReceiveTypeAsync("next", timeout.Token);
        var afterItems = await socket.ReceiveAsync(timeout.Token);

        Assert.Null(afterItems);
        Assert.Equal(4499, (int?)socket.CloseStatus);
        Assert.Equal("bye", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task GraphQLWsSubscribe_DropAfter_EndsWithoutCloseFrame()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpoint,
            new { },
            timeout.Token);

        await socket.SendAsync(
            Subscribe("1", "subscription { dropAfter(count: 2) }"),
            timeout.Token);
        await socket.ReceiveTypeAsync("next", timeout.Token);
        await socket.ReceiveTypeAsync("next", timeout.Token);
        var exception = await Assert.ThrowsAsync<WebSocketException>(
            () => socket.ReceiveAsync(timeout.Token));

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, exception.WebSocketErrorCode);
        Assert.Null(socket.CloseStatus);
    }

    [Fact]
    public async Task GraphQLWsConnectionInit_WrongAuthorization_Closes4403()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await RawWebSocketSession.ConnectAsync(
            _transportWs.WebSocketEndpointWith("auth=right"),
            TransportWsProtocol,
            timeout.Token);

        await socket.SendAsync(ConnectionInit(new { Authorization = "wrong" }), timeout.Token);
        var reply = await socket.ReceiveAsync(timeout.Token);

        Assert.Null(reply);
        Assert.Equal(4403, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task GraphQLWsConnectionInit_AuthorizationUnderHeaders_AcknowledgesAndEchoesIt()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        var payload = new { headers = new { authorization = "right" } };

        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpointWith("auth=right"),
            payload,
            timeout.Token);
        await socket.SendAsync(
            Subscribe("1", "{ header(name: \"Authorization\") connectionParams }"),
            timeout.Token);
        var data = (await socket.ReceiveTypeAsync("next", timeout.Token))
            .GetProperty("payload").GetProperty("data");

        Assert.Equal("right", data.GetProperty("header").GetString());
        Assert.Equal(
            JsonSerializer.Serialize(payload),
            data.GetProperty("connectionParams").GetString());
    }

    [Fact]
    public async Task GraphQLWsPing_NoPongOption_OnlyLaterMessagesArrive()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpointWith("noPong=1"),
            new { },
            timeout.Token);

        await socket.SendAsync(new { type = "ping" }, timeout.Token);
        await socket.SendAsync(Subscribe("1", "{ hello }"), timeout.Token);

        // A pong, had one been sent, would come before these: the ping was handled first.
        await socket.ReceiveTypeAsync("next", timeout.Token);
        await socket.ReceiveTypeAsync("complete", timeout.Token);
    }

    [Fact]
    public async Task GraphQLWsServerPing_ExpectPongUnanswered_Closes4408()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpointWith("ping=50&expectPong=1"),
            new { },
            timeout.Token);

        await socket.ReceiveTypeAsync("ping", timeout.Token);
        var afterPing = await socket.ReceiveAsync(timeout.Token);

        Assert.Null(afterPing);
        Assert.Equal(4408, (int?)socket.CloseStatus);
        Assert.Equal("Pong timeout", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task GraphQLWsConnectionInit_NoAckOption_AnswersPingButNeverAcknowledges()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await RawWebSocketSession.ConnectAsync(
            _transportWs.WebSocketEndpointWith("noAck=1"),
            TransportWsProtocol,
            timeout.Token);

        await socket.SendAsync(ConnectionInit(new { }), timeout.Token);
        await socket.SendAsync(new { type = "ping" }, timeout.Token);

        // An ack, had one been sent, would come before the pong.
        await socket.ReceiveTypeAsync("pong", timeout.Token);
    }

    [Fact]
    public async Task GraphQLWsConnect_CloseOnConnect4000_ClosesWith4000()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await RawWebSocketSession.ConnectAsync(
            _transportWs.WebSocketEndpointWith("closeOnConnect=4000"),
            TransportWsProtocol,
            timeout.Token);

        var first = await socket.ReceiveAsync(timeout.Token);

        Assert.Null(first);
        Assert.Equal(4000, (int?)socket.CloseStatus);
    }

    [Fact]
    public async Task GraphQLWsSubscribe_ManyTaggedAtOnce_EachGetsOnlyItsOwnItems()
    {
        const int operations = 200;
        const int itemsEach = 3;
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await ConnectTransportWsAsync(
            _transportWs.WebSocketEndpoint,
            new { },
            timeout.Token);

        for (var id = 0; id < operations; id++)
        {
            var query = $"subscription {{ tagged(tag: \"t{id}\", count: {itemsEach}) }}";
            await socket.SendAsync(Subscribe($"{id}", query), timeout.Token);
        }
        var received = new Dictionary<string, List<string>>();
        var completed = 0;
        while (completed < operations)
        {
            var message = await socket.ReceiveAsync(timeout.Token) ??
                throw new InvalidOperationException($"Closed with {socket.CloseStatus}.");
            var id = message.GetProperty("id").GetString()!; // every next and complete has one
            if (message.GetProperty("type").GetString() == "complete")
            {
                completed++;
                continue;
            }
            var item = message.GetProperty("payload").GetProperty("data").GetProperty("tagged")
                .GetString()!; // tagged is String!, so data always carries a string
            received.TryAdd(id, []);
            received[id].Add(item);
        }

        Assert.Equal(operations, received.Count);
        foreach (var (id, items) in received)
        {
            Assert.Equal(Enumerable.Range(1, itemsEach).Select(i => $"t{id}:{i}"), items);
        }
    }

    [Fact]
    public async Task LegacyWsStart_Counter_SendsAckKeepAliveDataThenComplete()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await RawWebSocketSession.ConnectAsync(
            _legacyWs.WebSocketEndpoint,
            LegacyWsProtocol,
            timeout.Token);

        await socket.SendAsync(ConnectionInit(new { }), timeout.Token);
        await socket.ReceiveTypeAsync("connection_ack", timeout.Token);
        await socket.ReceiveTypeAsync("ka", timeout.Token);
        await socket.SendAsync(
            new
            {
                id = "1",
                type = "start",
                payload = new { query = "subscription { counter(to: 3) }" },
            },
            timeout.Token);
        var items = await ReceiveIntsAsync(socket, "data", "counter", 3,
            timeout.Token);
        var complete = await socket.ReceiveTypeAsync("complete", timeout.Token);

        Assert.Equal(LegacyWsProtocol, socket.SubProtocol);
        Assert.Equal([1, 2, 3], items);
        Assert.Equal("1", complete.GetProperty("id").GetString());
    }

    [Fact]
    public async Task LegacyWsConnectionInit_WrongAuthorization_SendsConnectionErrorThenCloses()
    {
        using var timeout = new CancellationTokenSource(s_testTimeout);
        await using var socket = await RawWebSocketSession.ConnectAsync(
            _legacyWs.WebSocketEndpointWith("auth=right"),
            LegacyWsProtocol,
            timeout.Token);

        await socket.SendAsync(ConnectionInit(new { Authorization = "wrong" }), timeout.Token);
        var error = await socket.ReceiveTypeAsync("connection_error", timeout.Token);
        var afterError = await socket.ReceiveAsync(timeout.Token);

        Assert.Equal(
            "Prohibited connection!",
            error.GetProperty("payload").GetProperty("message").GetString());
        Assert.Null(afterError);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, socket.CloseStatus);
    }

    private static object ConnectionInit(object payload) =>
        new { type = "connection_init", payload };

    private static object Subscribe(string id, string query) =>
        new { id, type = "subscribe", payload = new { query } };

    private static async Task<RawWebSocketSession> ConnectTransportWsAsync(
        Uri endpoint,
        object connectionParams,
        CancellationToken cancellationToken)
    {
        var socket = await RawWebSocketSession.ConnectAsync(
            endpoint,
            TransportWsProtocol,
            cancellationToken);
        try
        {
            await socket.SendAsync(ConnectionInit(connectionParams), cancellationToken);
            await socket.ReceiveTypeAsync("connection_ack", cancellationToken);
            return socket;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    private async Task<HttpResponseMessage> PostGraphQLAsync(
        HttpClient client,
        string query,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.HttpEndpoint)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { query }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseMediaType));
        return await client.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonElement> ReadJsonAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(
            stream,
            cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    /// <summary>Reads <paramref name="count"/> results of one integer field, in order.</summary>
    private static async Task<List<int>> ReceiveIntsAsync(
        RawWebSocketSession socket,
        string messageType,
        string field,
        int count,
        CancellationToken cancellationToken)
    {
        var items = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            var message = await socket.ReceiveTypeAsync(messageType, cancellationToken);
            items.Add(message.GetProperty("payload").GetProperty("data").GetProperty(field)
                .GetInt32());
        }

        return items;
    }
}
