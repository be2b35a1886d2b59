using System.Net;
using System.Net.Sockets;
using AioGraphQL.Client.IntegrationTests.Support;

namespace AioGraphQL.Client.IntegrationTests.Http;

/// <summary>
/// Hostile inputs and servers found by trying to break the HTTP client as a new user would:
/// each must end in a typed exception that carries no secret.
/// </summary>
public sealed class HttpHardeningTests
{
    private const string OkReply =
        "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 20\n"
        + "Connection: close\n\n{\"data\":{\"ok\":true}}";

    private static RawHttpServer Reply(int status, string contentType, string body) =>
        new($"HTTP/1.1 {status} X\nContent-Type: {contentType}\n"
            + $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\n"
            + $"Connection: close\n\n{body}");

    [Fact]
    public async Task QueryAsync_ContentTypeInCallHeaders_GoesOnTheBody()
    {
        // Content-Type is a content header: HttpRequestHeaders refuses it outright.
        await using var server = new RawHttpServer(OkReply);
        await using var client = new GraphQLClient(server.Endpoint.ToString());

        using var response = await client.QueryAsync(
            "{ ok }",
            headers: new() { ["Content-Type"] = "application/json" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryAsync_GzipClaimedButPlainBody_ThrowsUndecodableBody()
    {
        // A decompressing handler throws InvalidDataException from inside the body stream.
        await using var server = new RawHttpServer(
            "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: gzip\n"
            + "Content-Length: 11\nConnection: close\n\n{\"data\":{}}");
        using var http = new HttpClient(
            new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All });
        await using var client = new GraphQLClient(server.Endpoint.ToString(), httpClient: http);

        var ex = await Record.ExceptionAsync(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.UndecodableBody, Assert.IsType<GraphQLHttpException>(ex)
            .Failure);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task QueryAsync_NonFiniteVariable_ThrowsInvalidRequest(double value)
    {
        // JSON has no NaN or infinity; the writer refuses them with an ArgumentException.
        await using var server = new RawHttpServer(OkReply);
        await using var client = new GraphQLClient(server.Endpoint.ToString());

        var ex = await Record.ExceptionAsync(() => client.QueryAsync(
            "query($v: Float) { a(v: $v) }",
            variables: new Dictionary<string, object?> { ["v"] = value }));

        Assert.IsType<GraphQLInvalidRequestException>(ex);
    }

    [Fact]
    public async Task QueryAsync_DeeplyNestedQueryOverGet_ThrowsInvalidRequest()
    {
        // The parser's depth limit raises a different exception type than a syntax error.
        await using var server = new RawHttpServer(OkReply);
        await using var client = new GraphQLClient(server.Endpoint.ToString());
        var query = "{" + string.Concat(Enumerable.Repeat("a{", 500)) + "b"
            + new string('}', 501);

        var ex = await Record.ExceptionAsync(
            () => client.QueryAsync(query, method: GraphQLHttpMethod.Get));

        Assert.IsType<GraphQLInvalidRequestException>(ex);
    }

    [Fact]
    public async Task QueryAsync_RefusedWithUserInfoInEndpoint_MessageHasNoPassword()
    {
        // GetLeftPart(UriPartial.Path) would keep "user:password@" in the description.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var client = new GraphQLClient(
            $"http://alice:pa55w0rd-x@127.0.0.1:{port}/graphql");

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.ConnectionFailed, ex.Failure);
        Assert.DoesNotContain("pa55w0rd-x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_SecretAcrossExcerptCut_NoPartShown()
    {
        // Cutting the body before masking would leave the head of a secret that crosses the cut.
        const string token = "tok_0123456789abcdefghij";
        await using var server = Reply(502, "text/plain", new string('x', 245) + token + " end");
        await using var client = new GraphQLClient(
            server.Endpoint.ToString(),
            headers: new() { ["Authorization"] = "Bearer " + token });

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.DoesNotContain("tok_01234", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("tok_01234", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_SecretEchoedJsonEscaped_MaskedInExcerpt()
    {
        // A System.Text.Json server echoing the credential escapes '+' and '='
        // (\u002B, \u003D), so the literal value alone would not match.
        const string token = "abc+defghijklmnop=";
        await using var server = Reply(
            400,
            "application/json",
            "{\"error\":\"invalid credential Bearer abc\\u002Bdefghijklmnop\\u003D\"}");
        await using var client = new GraphQLClient(
            server.Endpoint.ToString(),
            headers: new() { ["Authorization"] = "Bearer " + token });

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.DoesNotContain("defghijklmnop", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("defghijklmnop", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrowIfErrors_ServerEchoesCredential_MessageMasksIt()
    {
        // GraphQLResponseException quotes the first error's message, which may quote a token.
        const string token = "echoed-secret-7c1d";
        await using var server = Reply(
            200,
            "application/json",
            "{\"errors\":[{\"message\":\"token rejected: Bearer " + token + "\"}]}");
        await using var client = new GraphQLClient(
            server.Endpoint.ToString(),
            headers: new() { ["Authorization"] = "Bearer " + token });
        using var response = await client.QueryAsync("{ a }");

        var ex = Assert.Throws<GraphQLResponseException>(() => response.ThrowIfErrors());

        Assert.DoesNotContain(token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_TimeoutBeyondTimerRange_CountsAsNoLimit()
    {
        // A timer holds at most about 49.7 days; a longer limit must not break every call.
        await using var server = new RawHttpServer(OkReply);
        await using var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = server.Endpoint,
            Timeout = TimeSpan.FromDays(60),
        });

        using var response = await client.QueryAsync("{ ok }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_DuringCall_CallThrowsObjectDisposed()
    {
        // Disposing the owned HttpClient cancels what it has in flight; nobody cancelled.
        await using var server = await FaultServer.StartAsync();
        var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = server.Url("slow"),
            Timeout = TimeSpan.FromSeconds(20),
        });
        var call = client.QueryAsync("{ a }");
        await server.SlowRequestStarted.WaitAsync(TimeSpan.FromSeconds(10));

        await client.DisposeAsync();
        var ex = await Record.ExceptionAsync(() => call).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsType<ObjectDisposedException>(ex);
    }

    [Fact]
    public async Task QueryAsync_UnauthenticatedWithPartialData_NotRetried()
    {
        // Part of the operation ran; sending it again would run a mutation twice.
        await using var server = Reply(
            200,
            "application/json",
            "{\"data\":{\"a\":1,\"b\":null},"
                + "\"errors\":[{\"message\":\"no\","
                + "\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
        var refreshes = 0;
        await using var client = new GraphQLClient(new GraphQLClientOptions
        {
            Endpoint = server.Endpoint,
            AuthorizationProvider = (context, _) =>
            {
                refreshes += context.IsRefresh ? 1 : 0;
                return ValueTask.FromResult<string?>("Bearer t");
            },
        });

        using var response = await client.QueryAsync("mutation { a b }");

        Assert.Equal(0, refreshes);
        Assert.Equal(1, server.RequestCount);
        Assert.Equal("UNAUTHENTICATED", Assert.Single(response.Errors).Code);
    }
}
