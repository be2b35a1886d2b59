using System.Net;
using AioGraphQL.Client.IntegrationTests.Peers;

namespace AioGraphQL.Client.IntegrationTests.Http;

/// <summary>The client against graphql-http, the reference GraphQL-over-HTTP server.</summary>
[Collection(GraphQLHttpPeerCollectionDefinition.Name)]
public sealed class GraphQLHttpPeerTests(GraphQLHttpPeerFixture fixture)
{
    private readonly string _endpoint = fixture.Peer.HttpEndpoint.ToString();

    [Fact]
    public async Task QueryAsync_Post_ReturnsDataWithSpecMediaType()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync("{ hello(name: \"peer\") }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.ContentType);
        Assert.Contains("peer", response.Data.GetProperty("hello").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_Get_WithVariablesAndOperationName_Works()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync(
            "query A { hello } query B($v: String) { echo(value: $v) }",
            operationName: "B",
            variables: new Dictionary<string, object?> { ["v"] = "a&b=c ü" },
            method: GraphQLHttpMethod.Get);

        Assert.Equal("a&b=c ü", response.ThrowIfErrors().Data.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task QueryAsync_Mutation_Post_Works()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync("mutation { add(a: 2, b: 40) }");

        Assert.Equal(42, response.ThrowIfErrors().Data.GetProperty("add").GetInt32());
    }

    [Fact]
    public async Task QueryAsync_SyntaxError_Returns400AsResponseWithErrors()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync("{ hello ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(response.Errors);
        Assert.NotEmpty(response.Errors[0].Locations);
    }

    [Fact]
    public async Task QueryAsync_ValidationError_Returns400AsResponseWithErrors()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync("{ nope }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nope", response.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_FieldError_Returns200WithPartialDataAndCode()
    {
        await using var client = new GraphQLClient(_endpoint);

        using var response = await client.QueryAsync("{ hello boom }");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.String,
            response.Data.GetProperty("hello").ValueKind);
        Assert.Equal("PEER_ERROR", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task QueryAsync_CallHeaders_ReachServerMergedWithDefaults()
    {
        await using var client = new GraphQLClient(
            _endpoint,
            headers: new() { ["X-Default"] = "d", ["X-Over"] = "client" });

        using var response = await client.QueryAsync(
            "{ a: header(name: \"x-default\") b: header(name: \"x-over\") }",
            headers: new() { ["x-over"] = "call" });

        var data = response.ThrowIfErrors().Data;
        Assert.Equal("d", data.GetProperty("a").GetString());
        Assert.Equal("call", data.GetProperty("b").GetString());
    }
}
