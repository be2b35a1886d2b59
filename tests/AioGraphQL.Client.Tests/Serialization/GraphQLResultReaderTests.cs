using System.Text.Json;

namespace AioGraphQL.Client.Tests.Serialization;

public sealed class GraphQLResultReaderTests
{
    [Theory]
    [InlineData("{\"data\":{}}", true)]
    [InlineData("{\"data\":null,\"errors\":[{\"message\":\"m\"}]}", true)]
    [InlineData("{\"errors\":[{\"message\":\"m\"}]}", true)]
    [InlineData("{\"data\":{},\"errors\":[]}", true)]
    [InlineData("{\"errors\":[]}", false)]
    [InlineData("{\"errors\":null}", false)]
    [InlineData("{\"extensions\":{}}", false)]
    [InlineData("{\"errors\":[{\"message\":5}]}", false)]
    [InlineData("{\"errors\":\"x\"}", false)]
    [InlineData("\"x\"", false)]
    public void TryRead_Shapes_AcceptsOnlyGraphQLResults(string json, bool valid)
    {
        using var document = JsonDocument.Parse(json);

        var reason = GraphQLResultReader.TryRead(document.RootElement, out _);

        Assert.Equal(valid, reason is null);
    }
}
