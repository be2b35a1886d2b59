using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client.Tests.Serialization;

public sealed class GraphQLRequestWriterTests
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);

    [Fact]
    public void WriteBody_FullRequest_WritesSpecFields()
    {
        var request = new GraphQLRequest(
            "query Q($n: Int) { a(n: $n) }",
            new Dictionary<string, object?> { ["n"] = 3, ["s"] = "x", ["o"] = new { Deep = true } },
            "Q",
            extensions: new Dictionary<string, object?> { ["persisted"] = null });

        using var body = GraphQLRequestWriter.WriteBody(request, s_options);
        var json = Encoding.UTF8.GetString(body.WrittenSpan);

        Assert.Equal(
            "{\"query\":\"query Q($n: Int) { a(n: $n) }\",\"operationName\":\"Q\","
                + "\"variables\":{\"n\":3,\"s\":\"x\",\"o\":{\"deep\":true}},"
                + "\"extensions\":{\"persisted\":null}}",
            json);
    }

    [Fact]
    public void WriteBody_QueryOnly_OmitsOptionalFields()
    {
        using var body = GraphQLRequestWriter.WriteBody(new GraphQLRequest("{ a }"), s_options);

        Assert.Equal("{\"query\":\"{ a }\"}", Encoding.UTF8.GetString(body.WrittenSpan));
    }

    [Fact]
    public void BuildGetUri_WithVariables_EncodesParameters()
    {
        var request = new GraphQLRequest(
            "query Q($a: String) { echo(v: $a) }",
            new Dictionary<string, object?> { ["a"] = "x&y" },
            "Q");

        var uri = GraphQLRequestWriter.BuildGetUri(
            new Uri("http://127.0.0.1:1/graphql?tenant=t1"),
            request,
            s_options);

        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal("t1", query["tenant"]);
        Assert.Equal(request.Query, query["query"]);
        Assert.Equal("Q", query["operationName"]);
        using var variables = JsonDocument.Parse(query["variables"]!);
        Assert.Equal("x&y", variables.RootElement.GetProperty("a").GetString());
    }

    [Fact]
    public void WriteBody_UnserializableVariable_ThrowsInvalidRequest()
    {
        var request = new GraphQLRequest(
            "{ a }",
            new Dictionary<string, object?> { ["bad"] = new IntPtr(1) });

        var ex = Assert.Throws<GraphQLInvalidRequestException>(
            () => GraphQLRequestWriter.WriteBody(request, s_options).Dispose());

        Assert.Contains("'bad'", ex.Message, StringComparison.Ordinal);
    }
}
