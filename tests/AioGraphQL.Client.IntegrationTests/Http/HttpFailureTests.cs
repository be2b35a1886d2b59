using System.Net;
using System.Net.Sockets;
using AioGraphQL.Client.IntegrationTests.Support;

namespace AioGraphQL.Client.IntegrationTests.Http;

public sealed class HttpFailureTests : IAsyncLifetime
{
    private FaultServer _server = null!;

    public async Task InitializeAsync() => _server = await FaultServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("html502", GraphQLHttpFailure.UnexpectedStatus, 502, "text/html", "<html>")]
    [InlineData("invalid-json", GraphQLHttpFailure.InvalidJson, 200, "application/json", "{")]
    [InlineData("empty", GraphQLHttpFailure.EmptyBody, 200, "application/json", null)]
    [InlineData("not-graphql", GraphQLHttpFailure.NotAGraphQLResponse, 200, "application/json",
        "{\"hello\"")]
    public async Task QueryAsync_BrokenBody_ThrowsHttpExceptionWithContext(
        string path,
        GraphQLHttpFailure failure,
        int status,
        string contentType,
        string? excerptStart)
    {
        await using var client = new GraphQLClient(_server.Url(path).ToString());

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(failure, ex.Failure);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(contentType, ex.ContentType);
        if (excerptStart is null)
        {
            Assert.Null(ex.BodyExcerpt);
        }
        else
        {
            Assert.StartsWith(excerptStart, ex.BodyExcerpt, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task QueryAsync_ConnectionBrokenMidBody_ThrowsTruncatedBody()
    {
        await using var raw = new RawHttpServer(
            "HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 500\n"
                + "Connection: close\n\n{\"data\":{\"a\":\"abc");
        await using var client = new GraphQLClient(raw.Endpoint.ToString());

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.TruncatedBody, ex.Failure);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task QueryAsync_BodyOverLimit_ThrowsBodyTooLarge()
    {
        var options = new GraphQLClientOptions
        {
            Endpoint = _server.Url("big"),
            MaxResponseBytes = 1024 * 1024,
        };
        await using var client = new GraphQLClient(options);

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.BodyTooLarge, ex.Failure);
    }

    [Fact]
    public async Task QueryAsync_ServerEchoesCredential_ExceptionNeverContainsIt()
    {
        await using var client = new GraphQLClient(
            _server.Url("echo-secret").ToString(),
            headers: new() { ["Authorization"] = "Bearer top-secret-token-42" });

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.UnexpectedStatus, ex.Failure);
        Assert.DoesNotContain("top-secret-token-42", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", ex.BodyExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ConnectionRefused_ThrowsConnectionFailed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var client = new GraphQLClient($"http://127.0.0.1:{port}/graphql");

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() => client.QueryAsync("{ a }"));

        Assert.Equal(GraphQLHttpFailure.ConnectionFailed, ex.Failure);
        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task QueryAsync_ClientTimeout_ThrowsTimeoutNotCancellation()
    {
        var options = new GraphQLClientOptions
        {
            Endpoint = _server.Url("slow"),
            Timeout = TimeSpan.FromMilliseconds(200),
        };
        await using var client = new GraphQLClient(options);

        var ex = await Assert.ThrowsAsync<GraphQLTimeoutException>(
            () => client.QueryAsync("{ a }"));

        Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
    }

    [Fact]
    public async Task QueryAsync_PerCallTimeout_OverridesClientTimeout()
    {
        await using var client = new GraphQLClient(_server.Url("slow").ToString());

        var ex = await Assert.ThrowsAsync<GraphQLTimeoutException>(() =>
            client.QueryAsync("{ a }", timeout: TimeSpan.FromMilliseconds(150)));

        Assert.Equal(TimeSpan.FromMilliseconds(150), ex.Timeout);
    }

    [Fact]
    public async Task QueryAsync_CallerCancels_ThrowsCancellationWithCallerToken()
    {
        await using var client = new GraphQLClient(_server.Url("slow").ToString());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.QueryAsync("{ a }", cancellationToken: cts.Token));

        Assert.IsNotType<GraphQLTimeoutException>(ex);
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task QueryAsync_InjectedHttpClientTimeout_ThrowsGraphQLTimeout()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(150) };
        await using var client = new GraphQLClient(
            _server.Url("slow").ToString(),
            httpClient: http);

        await Assert.ThrowsAsync<GraphQLTimeoutException>(() => client.QueryAsync("{ a }"));
    }

    [Fact]
    public async Task Dispose_InjectedHttpClient_IsNotDisposed()
    {
        using var http = new HttpClient();
        var client = new GraphQLClient(_server.Url("ok").ToString(), httpClient: http);

        await client.DisposeAsync();
        using var response = await http.PostAsync(_server.Url("ok"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task QueryAsync_MutationOverGet_RefusedBeforeSending()
    {
        await using var client = new GraphQLClient(_server.Url("never").ToString());

        var ex = await Assert.ThrowsAsync<GraphQLInvalidRequestException>(() =>
            client.QueryAsync("mutation { add }", method: GraphQLHttpMethod.Get));

        Assert.Contains("GET", ex.Message, StringComparison.Ordinal);
    }
}
