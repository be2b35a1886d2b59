using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AioGraphQL.Client.Tests;

public sealed partial class GraphQLResponseTests
{
    [Fact]
    public void GetData_JsonTypeInfo_DeserializesWithoutReflection()
    {
        using var response = Parse("{\"data\":{\"viewer\":{\"login\":\"alice\"}}}");

        var data = response.GetData(TestJsonContext.Default.ViewerData);

        Assert.Equal("alice", data!.Viewer.Login);
    }

    [Fact]
    public void GetData_NullData_ReturnsDefault()
    {
        using var response = Parse("{\"data\":null,\"errors\":[{\"message\":\"x\"}]}");

        var data = response.GetData(TestJsonContext.Default.ViewerData);

        Assert.Null(data);
        Assert.Equal(JsonValueKind.Null, response.Data.ValueKind);
    }

    [Fact]
    public void Dispose_ThenData_ThrowsButErrorsStayReadable()
    {
        var response = Parse(
            "{\"data\":{\"a\":1},"
                + "\"errors\":[{\"message\":\"m\",\"extensions\":{\"code\":\"C\"}}]}");

        response.Dispose();

        Assert.Throws<ObjectDisposedException>(() => response.Data);
        Assert.Equal("C", response.Errors[0].Code);
    }

    [Fact]
    public void ThrowIfErrors_NoErrors_ReturnsSameResponse()
    {
        using var response = Parse("{\"data\":{\"a\":1}}");

        Assert.Same(response, response.ThrowIfErrors());
    }

    private static GraphQLResponse Parse(string json)
    {
        var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        var reason = GraphQLResultReader.TryRead(document.RootElement, out var errors);
        Assert.Null(reason);
        return new GraphQLResponse(document, errors);
    }

    public sealed record ViewerData(Viewer Viewer);

    public sealed record Viewer(string Login);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(ViewerData))]
    private sealed partial class TestJsonContext : JsonSerializerContext;
}
