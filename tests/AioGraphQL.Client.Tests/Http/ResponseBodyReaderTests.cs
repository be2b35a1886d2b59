using System.Net;
using System.Text;

namespace AioGraphQL.Client.Tests.Http;

public sealed class ResponseBodyReaderTests
{
    private const string Secret = "Bearer s3cr3t-token-value";

    private static readonly List<KeyValuePair<string, string>> s_sent =
    [
        new("Authorization", Secret),
    ];

    [Fact]
    public async Task ReadAsync_GraphQLBodyOn400_ReturnsResponseWithErrors()
    {
        using var message = Response(
            HttpStatusCode.BadRequest,
            "{\"errors\":[{\"message\":\"bad\",\"locations\":[{\"line\":1,\"column\":2}],"
                + "\"path\":[\"a\",0],\"extensions\":{\"code\":\"X\"},\"type\":\"Extra\"}]}",
            "application/graphql-response+json");

        using var response = await ResponseBodyReader.ReadAsync(message, 1 << 20, s_sent,
            CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(response.Errors);
        Assert.Equal("bad", error.Message);
        Assert.Equal(new GraphQLErrorLocation(1, 2), Assert.Single(error.Locations));
        Assert.Equal(["a", 0], error.Path);
        Assert.Equal("X", error.Code);
        Assert.Equal("Extra", error.AdditionalFields["type"].GetString());
    }

    [Fact]
    public async Task ReadAsync_PartialData_KeepsDataAndErrors()
    {
        using var message = Response(
            HttpStatusCode.OK,
            "{\"data\":{\"a\":1,\"b\":null},\"errors\":[{\"message\":\"b failed\"}]}",
            "application/json");

        using var response = await ResponseBodyReader.ReadAsync(message, 1 << 20, s_sent,
            CancellationToken.None);

        Assert.Equal(1, response.Data.GetProperty("a").GetInt32());
        Assert.True(response.HasErrors);
        Assert.Throws<GraphQLResponseException>(() => response.ThrowIfErrors());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>Bad gateway</html>", "text/html",
        GraphQLHttpFailure.UnexpectedStatus)]
    [InlineData(HttpStatusCode.OK, "<html>hi</html>", "text/html",
        GraphQLHttpFailure.UnsupportedContentType)]
    [InlineData(HttpStatusCode.OK, "{\"data\":", "application/json",
        GraphQLHttpFailure.InvalidJson)]
    [InlineData(HttpStatusCode.OK, "", "application/json", GraphQLHttpFailure.EmptyBody)]
    [InlineData(HttpStatusCode.OK, "{\"hello\":1}", "application/json",
        GraphQLHttpFailure.NotAGraphQLResponse)]
    [InlineData(HttpStatusCode.OK, "[1,2]", "application/json",
        GraphQLHttpFailure.NotAGraphQLResponse)]
    [InlineData(HttpStatusCode.OK, "{\"errors\":[{\"nomessage\":1}]}", "application/json",
        GraphQLHttpFailure.NotAGraphQLResponse)]
    [InlineData(HttpStatusCode.OK, "{\"data\":42}", "application/json",
        GraphQLHttpFailure.NotAGraphQLResponse)]
    public async Task ReadAsync_NotGraphQL_ThrowsTypedException(
        HttpStatusCode status,
        string body,
        string contentType,
        GraphQLHttpFailure failure)
    {
        using var message = Response(status, body, contentType);

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() =>
            ResponseBodyReader.ReadAsync(message, 1 << 20, s_sent, CancellationToken.None));

        Assert.Equal(failure, ex.Failure);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(contentType, ex.ContentType);
        if (body.Length > 0)
        {
            Assert.StartsWith(body[..Math.Min(body.Length, 6)], ex.BodyExcerpt,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_BodyEchoesCredential_ExcerptAndMessageMaskIt()
    {
        using var message = Response(
            HttpStatusCode.BadGateway,
            "upstream refused Bearer s3cr3t-token-value and s3cr3t-token-value",
            "text/plain");
        message.Headers.TryAddWithoutValidation("Set-Cookie", "session=abc");
        message.Headers.TryAddWithoutValidation("X-Trace", "t1");

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() =>
            ResponseBodyReader.ReadAsync(message, 1 << 20, s_sent, CancellationToken.None));

        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, ex.BodyExcerpt, StringComparison.Ordinal);
        Assert.False(ex.ResponseHeaders.ContainsKey("Set-Cookie"));
        Assert.Equal("t1", ex.ResponseHeaders["X-Trace"]);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverLimit_ThrowsBodyTooLargeWithoutReading()
    {
        using var message = Response(HttpStatusCode.OK, new string(' ', 2048), "application/json");

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() =>
            ResponseBodyReader.ReadAsync(message, 1024, s_sent, CancellationToken.None));

        Assert.Equal(GraphQLHttpFailure.BodyTooLarge, ex.Failure);
    }

    [Fact]
    public async Task ReadAsync_UndeclaredLengthOverLimit_ThrowsBodyTooLarge()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"data\":\""
            + new string('x', 4096) + "\"}"));
        using var message = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new UnseekableStream(stream)),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

        var ex = await Assert.ThrowsAsync<GraphQLHttpException>(() =>
            ResponseBodyReader.ReadAsync(message, 1024, s_sent, CancellationToken.None));

        Assert.Equal(GraphQLHttpFailure.BodyTooLarge, ex.Failure);
        Assert.Null(message.Content.Headers.ContentLength);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body, string type)
    {
        var message = new HttpResponseMessage(status)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        return message;
    }

    /// <summary>Hides the length, as a chunked response does.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
    }
}
