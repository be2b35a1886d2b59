using System.Text;
using Xunit;

namespace AioGraphQL.Client.Tests.WebSockets;

public sealed class GraphQLWsProtocolTests
{
    private static readonly WebSocketProtocol s_protocol = GraphQLWsProtocol.Instance;

    [Fact]
    public void WriteConnectionInit_WithPayload_WritesTypeAndRawPayload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"headers\":{\"X-API-Key\":\"k\"}}");

        var frame = ProtocolFrames.Write(w => s_protocol.WriteConnectionInit(w, payload));

        Assert.Equal(
            "{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"X-API-Key\":\"k\"}}}",
            frame);
    }

    [Fact]
    public void WriteSubscribe_Request_WritesStart()
    {
        var frame = ProtocolFrames.Write(w => s_protocol.WriteSubscribe(
            w, "3", new GraphQLRequest("{ hello }"), GraphQLJson.WebOptions));

        Assert.Equal(
            "{\"type\":\"start\",\"id\":\"3\",\"payload\":{\"query\":\"{ hello }\"}}",
            frame);
    }

    [Fact]
    public void WriteStop_AnyId_WritesStop()
    {
        var frame = ProtocolFrames.Write(w => s_protocol.WriteStop(w, "3"));

        Assert.Equal("{\"type\":\"stop\",\"id\":\"3\"}", frame);
    }

    [Fact]
    public void TryWriteTerminate_Always_WritesConnectionTerminate()
    {
        var frame = ProtocolFrames.Write(w => Assert.True(s_protocol.TryWriteTerminate(w)));

        Assert.Equal("{\"type\":\"connection_terminate\"}", frame);
    }

    [Fact]
    public void TryWritePong_Always_WritesNothing()
    {
        var frame = ProtocolFrames.Write(w => Assert.False(s_protocol.TryWritePong(w)));

        Assert.Equal(string.Empty, frame);
    }

    [Fact]
    public void WritePing_Always_ThrowsNotSupported()
    {
        var write = () => ProtocolFrames.Write(s_protocol.WritePing);

        Assert.Throws<NotSupportedException>(write);
    }

    [Theory]
    [InlineData("connection_ack", "ConnectionAck")]
    [InlineData("connection_error", "ConnectionError")]
    [InlineData("ka", "KeepAlive")]
    [InlineData("data", "Next")]
    [InlineData("error", "Error")]
    [InlineData("complete", "Complete")]
    [InlineData("next", "Unknown")]
    [InlineData("ping", "Unknown")]
    [InlineData("start", "Unknown")]
    public void Classify_ServerType_MapsToKind(string type, string expected)
    {
        var kind = ProtocolFrames.Classify(s_protocol, type);

        Assert.Equal(Enum.Parse<WebSocketMessageKind>(expected), kind);
    }

    [Fact]
    public void Properties_Always_DescribeTheLenientProtocol()
    {
        var protocol = s_protocol;

        Assert.Equal("graphql-ws", protocol.SubProtocol);
        Assert.False(protocol.UnknownTypeIsFatal);
        Assert.False(protocol.SupportsClientPing);
        Assert.Same(protocol, WebSocketProtocol.FromName("graphql-ws"));
        Assert.Null(WebSocketProtocol.FromName("graphql-sse"));
    }
}
