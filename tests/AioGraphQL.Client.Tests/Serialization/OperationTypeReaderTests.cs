using GraphQLParser.AST;

namespace AioGraphQL.Client.Tests.Serialization;

public sealed class OperationTypeReaderTests
{
    [Theory]
    [InlineData("{ a }", null, OperationType.Query)]
    [InlineData("mutation { a }", null, OperationType.Mutation)]
    [InlineData("query A { a } mutation B { b }", "B", OperationType.Mutation)]
    [InlineData("query A { a } mutation B { b }", "A", OperationType.Query)]
    [InlineData("subscription { s }", null, OperationType.Subscription)]
    public void Read_Document_ReturnsOperationType(string query, string? name, OperationType type)
    {
        var actual = OperationTypeReader.Read(query, name);

        Assert.Equal(type, actual);
    }

    [Fact]
    public void Read_DeeplyNested_ThrowsInvalidRequestWithoutQuotingDocument()
    {
        var query = "{" + string.Concat(Enumerable.Repeat("a{", 500)) + "b"
            + new string('}', 501);

        var ex = Assert.Throws<GraphQLInvalidRequestException>(
            () => OperationTypeReader.Read(query, null));

        Assert.True(ex.Message.Length < 400, ex.Message);
    }

    [Theory]
    [InlineData("{ a ", null)]
    [InlineData("query A { a } query B { b }", null)]
    [InlineData("query A { a }", "C")]
    public void Read_AmbiguousOrBroken_ThrowsInvalidRequest(string query, string? name)
    {
        Assert.Throws<GraphQLInvalidRequestException>(() => OperationTypeReader.Read(query, name));
    }
}
