using System.Text;
using Xunit;

namespace AioGraphQL.Client.Tests.WebSockets;

public sealed class WebSocketEnvelopeTests
{
    [Fact]
    public void TryRead_FullMessage_FindsTypeIdAndPayload()
    {
        var message = Encoding.UTF8.GetBytes(
            "{\"id\":\"42\",\"type\":\"next\",\"extra\":[1],\"payload\":{\"data\":{\"a\":1}}}");

        var reason = WebSocketEnvelope.TryRead(message, out var envelope);

        Assert.Null(reason);
        Assert.Equal("next", Encoding.UTF8.GetString(message.AsSpan()[envelope.Type]));
        Assert.True(envelope.HasId);
        Assert.Equal(42, envelope.NumericId);
        Assert.Equal("{\"data\":{\"a\":1}}",
            Encoding.UTF8.GetString(message.AsSpan()[envelope.Payload!.Value]));
    }

    [Theory]
    [InlineData("{\"type\":\"ka\"}", false, -1L, null)]
    [InlineData("{\"type\":\"next\",\"id\":\"abc\"}", true, -1L, "abc")]
    [InlineData("{\"type\":\"next\",\"id\":\"007\"}", true, -1L, "007")]
    [InlineData("{\"type\":\"next\",\"id\":\"-1\"}", true, -1L, "-1")]
    [InlineData("{\"type\":\"next\",\"id\":5}", true, 5L, null)]
    [InlineData("{\"type\":\"next\",\"id\":\"\\u0031\"}", true, -1L, "1")]
    public void TryRead_Ids_ParsesOnlyPlainDecimalIds(
        string text,
        bool hasId,
        long numericId,
        string? otherId)
    {
        var reason = WebSocketEnvelope.TryRead(Encoding.UTF8.GetBytes(text), out var envelope);

        Assert.Null(reason);
        Assert.Equal(hasId, envelope.HasId);
        Assert.Equal(numericId, envelope.NumericId);
        Assert.Equal(otherId, envelope.OtherId);
    }

    [Fact]
    public void TryRead_EscapedType_KeepsItUnescaped()
    {
        var message = Encoding.UTF8.GetBytes("{\"type\":\"n\\u0065xt\"}");

        var reason = WebSocketEnvelope.TryRead(message, out var envelope);

        Assert.Null(reason);
        Assert.Equal("next", envelope.EscapedType);
        Assert.Equal("next", envelope.TypeName(message));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("\"next\"")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("{\"type\":1}")]
    [InlineData("{\"type\":\"next\",\"type\":\"error\"}")]
    [InlineData("{\"type\":\"next\",\"id\":\"1\",\"id\":\"2\"}")]
    [InlineData("{\"type\":\"next\",\"payload\":1,\"payload\":2}")]
    [InlineData("{\"type\":\"next\",\"id\":true}")]
    [InlineData("{\"type\":\"next\"} {}")]
    [InlineData("{\"type\":\"next\"")]
    [InlineData("")]
    public void TryRead_Malformed_ReturnsAReason(string text)
    {
        var reason = WebSocketEnvelope.TryRead(Encoding.UTF8.GetBytes(text), out _);

        Assert.NotNull(reason);
    }
}
