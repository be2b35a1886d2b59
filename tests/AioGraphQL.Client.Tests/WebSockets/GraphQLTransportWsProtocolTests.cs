using System.Text;
using Xunit;

namespace AioGraphQL.Client.Tests.WebSockets;

public sealed class GraphQLTransportWsProtocolTests
{
    private static readonly WebSocketProtocol s_protocol = GraphQLTransportWsProtocol.Instance;

    [Fact]
    public void WriteConnectionInit_WithPayload_WritesTypeAndRawPayload()
    {
        var payload = Encoding.UTF8.GetBytes("{\"Authorization\":\"Bearer a\"}");

        var frame = ProtocolFrames.Write(w => s_protocol.WriteConnectionInit(w, payload));

        Assert.Equal(
            "{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer a\"}}",
            frame);
    }

    [Fact]
    public void WriteConnectionInit_WithoutPayload_OmitsPayload()
    {
        var frame = ProtocolFrames.Write(w => s_protocol.WriteConnectionInit(w, []));

        Assert.Equal("{\"type\":\"connection_init\"}", frame);
    }

    [Fact]
    public void WriteSubscribe_FullRequest_WritesSubscribeWithRequestPayload()
    {
        var request = new GraphQLRequest(
            "subscription S($n: Int) { counter(to: $n) }",
            new Dictionary<string, object?> { ["n"] = 3 },
            "S");

        var frame = ProtocolFrames.Write(w =>
            s_protocol.WriteSubscribe(w, "7", request, GraphQLJson.WebOptions));

        Assert.Equal(
            "{\"type\":\"subscribe\",\"id\":\"7\",\"payload\":{\"query\":"
                + "\"subscription S($n: Int) { counter(to: $n) }\",\"operationName\":\"S\","
                + "\"variables\":{\"n\":3}}}",
            frame);
    }

    [Fact]
    public void WriteStop_AnyId_WritesComplete()
    {
        var frame = ProtocolFrames.Write(w => s_protocol.WriteStop(w, "12"));

        Assert.Equal("{\"type\":\"complete\",\"id\":\"12\"}", frame);
    }

    [Fact]
    public void WritePingAndPong_Always_WriteTypeOnly()
    {
        var ping = ProtocolFrames.Write(s_protocol.WritePing);
        var pong = ProtocolFrames.Write(w => Assert.True(s_protocol.TryWritePong(w)));

        Assert.Equal("{\"type\":\"ping\"}", ping);
        Assert.Equal("{\"type\":\"pong\"}", pong);
    }

    [Fact]
    public void TryWriteTerminate_Always_WritesNothing()
    {
        var frame = ProtocolFrames.Write(w => Assert.False(s_protocol.TryWriteTerminate(w)));

        Assert.Equal(string.Empty, frame);
    }

    [Theory]
    [InlineData("connection_ack", "ConnectionAck")]
    [InlineData("ping", "Ping")]
    [InlineData("pong", "Pong")]
    [InlineData("next", "Next")]
    [InlineData("error", "Error")]
    [InlineData("complete", "Complete")]
    [InlineData("data", "Unknown")]
    [InlineData("ka", "Unknown")]
    [InlineData("connection_error", "Unknown")]
    [InlineData("subscribe", "Unknown")]
    [InlineData("NEXT", "Unknown")]
    [InlineData("", "Unknown")]
    public void Classify_ServerType_MapsToKind(string type, string expected)
    {
        var kind = ProtocolFrames.Classify(s_protocol, type);

        Assert.Equal(Enum.Parse<WebSocketMessageKind>(expected), kind);
    }

    [Fact]
    public void Properties_Always_DescribeTheStrictProtocol()
    {
        var protocol = s_protocol;

        Assert.Equal("graphql-transport-ws", protocol.SubProtocol);
        Assert.True(protocol.UnknownTypeIsFatal);
        Assert.True(protocol.SupportsClientPing);
        Assert.Same(protocol, WebSocketProtocol.FromName("graphql-transport-ws"));
    }
}
