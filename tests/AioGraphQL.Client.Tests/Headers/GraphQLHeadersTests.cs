namespace AioGraphQL.Client.Tests.Headers;

public sealed class GraphQLHeadersTests
{
    [Fact]
    public void Indexer_DifferentCase_ReplacesAndKeepsLatestSpelling()
    {
        var headers = new GraphQLHeaders { ["authorization"] = "Bearer a" };

        headers["Authorization"] = "Bearer b";

        var only = Assert.Single(headers);
        Assert.Equal("Authorization", only.Key);
        Assert.Equal("Bearer b", only.Value);
    }

    [Theory]
    [InlineData("Bearer a\r\nX-Evil: 1")]
    [InlineData("Bearer a\nX-Evil: 1")]
    [InlineData("a\0b")]
    public void Indexer_ValueWithLineBreak_ThrowsWithoutEchoingValue(string value)
    {
        var headers = new GraphQLHeaders();

        var ex = Assert.Throws<ArgumentException>(() => headers["Authorization"] = value);

        Assert.DoesNotContain("Bearer a", ex.Message, StringComparison.Ordinal);
        Assert.Empty(headers);
    }

    [Theory]
    [InlineData("h\u00e9llo")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void Indexer_NonAsciiOrControlValue_Throws(string value)
    {
        var headers = new GraphQLHeaders();

        Assert.Throws<ArgumentException>(() => headers["X-U"] = value);
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("Bad:Name")]
    [InlineData("Bad\r\nName")]
    public void Indexer_InvalidName_Throws(string name)
    {
        var headers = new GraphQLHeaders();

        Assert.Throws<ArgumentException>(() => headers[name] = "x");
    }

    [Fact]
    public void ToReadOnly_LaterChangeToOriginal_DoesNotReachCopy()
    {
        var original = new GraphQLHeaders { ["X-A"] = "1" };

        var copy = original.ToReadOnly();
        original["X-A"] = "2";

        Assert.Equal("1", copy["X-A"]);
        Assert.Throws<InvalidOperationException>(() => copy["X-A"] = "3");
    }

    [Fact]
    public void ImplicitConversion_FromDictionary_CopiesEntries()
    {
        var source = new Dictionary<string, string> { ["X-Api-Key"] = "k1" };

        GraphQLHeaders headers = source;
        source["X-Api-Key"] = "changed";

        Assert.Equal("k1", headers["x-api-key"]);
    }
}
