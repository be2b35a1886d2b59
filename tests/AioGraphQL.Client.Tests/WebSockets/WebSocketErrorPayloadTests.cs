using System.Text;
using Xunit;

namespace AioGraphQL.Client.Tests.WebSockets;

public sealed class WebSocketErrorPayloadTests
{
    [Theory]
    [InlineData("[{\"message\":\"a\"},{\"message\":\"b\"}]", 2)]
    [InlineData("{\"message\":\"single\",\"extensions\":{\"code\":\"X\"}}", 1)]
    [InlineData("{\"errors\":[{\"message\":\"wrapped\"}]}", 1)]
    public void Read_SupportedShapes_ReturnsTheErrors(string payload, int count)
    {
        var message = Encoding.UTF8.GetBytes(payload);

        var errors = WebSocketErrorPayload.Read(message, Range.All, out var reason);

        Assert.Null(reason);
        Assert.Equal(count, errors?.Count);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("5")]
    [InlineData("{\"nomessage\":1}")]
    [InlineData("[{\"message\":1}]")]
    public void Read_Unreadable_ReturnsNullWithReason(string payload)
    {
        var message = Encoding.UTF8.GetBytes(payload);

        var errors = WebSocketErrorPayload.Read(message, Range.All, out var reason);

        Assert.Null(errors);
        Assert.NotNull(reason);
    }

    [Fact]
    public void Describe_ConnectionErrorObject_ReturnsItsMessage()
    {
        var message = Encoding.UTF8.GetBytes("{\"message\":\"Prohibited connection!\"}");

        var detail = WebSocketErrorPayload.Describe(message, Range.All);

        Assert.Equal("Prohibited connection!", detail);
    }
}
