using Xunit;

namespace AioGraphQL.Client.Tests.WebSockets;

public sealed class GraphQLWebSocketExceptionTests
{
    [Theory]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    [InlineData(1002, false)]
    [InlineData(1006, true)]
    [InlineData(1011, true)]
    [InlineData(1012, true)]
    [InlineData(1013, true)]
    [InlineData(1014, true)]
    [InlineData(4400, false)]
    [InlineData(4401, false)]
    [InlineData(4403, false)]
    [InlineData(4406, false)]
    [InlineData(4408, true)]
    [InlineData(4409, false)]
    [InlineData(4429, false)]
    [InlineData(4499, true)]
    [InlineData(4500, false)]
    [InlineData(3000, false)]
    public void IsRetryableCloseStatus_Code_FollowsTheTable(int code, bool retryable)
    {
        var result = GraphQLWebSocketException.IsRetryableCloseStatus(code);

        Assert.Equal(retryable, result);
    }

    [Theory]
    [InlineData(4401, true)]
    [InlineData(4403, true)]
    [InlineData(1011, false)]
    public void IsRefusal_CloseStatus_TrueFor4401And4403(int code, bool refusal)
    {
        var failure = new GraphQLWebSocketException("closed", code);

        Assert.Equal(refusal, failure.IsRefusal);
    }
}
