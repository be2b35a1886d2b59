namespace AioGraphQL.Client.Tests.Headers;

public sealed class HeaderLayersTests
{
    [Fact]
    public void Merge_CallOverRequestOverClient_LaterWinsCaseInsensitively()
    {
        var client = new GraphQLHeaders { ["Authorization"] = "client", ["X-A"] = "a" };
        var request = new GraphQLHeaders { ["authorization"] = "request", ["X-B"] = "b" };
        var call = new GraphQLHeaders { ["AUTHORIZATION"] = "call" };

        var merged = HeaderLayers.Merge(client, request, call);

        Assert.Equal(3, merged.Count);
        var auth = Assert.Single(merged, h => h.Key.Equals("authorization",
            StringComparison.OrdinalIgnoreCase));
        Assert.Equal("AUTHORIZATION", auth.Key);
        Assert.Equal("call", auth.Value);
    }

    [Fact]
    public void Merge_NullInLaterLayer_RemovesInheritedHeader()
    {
        var client = new GraphQLHeaders { ["X-Feature"] = "on", ["X-Keep"] = "1" };
        var call = new GraphQLHeaders();
        call.Remove("x-feature");

        var merged = HeaderLayers.Merge(client, null, call);

        var only = Assert.Single(merged);
        Assert.Equal("X-Keep", only.Key);
    }

    [Fact]
    public void Merge_Layers_AreNotModified()
    {
        var client = new GraphQLHeaders { ["X-A"] = "client" };
        var call = new GraphQLHeaders { ["X-A"] = "call", ["X-B"] = "b" };

        _ = HeaderLayers.Merge(client, null, call);

        Assert.Equal("client", client["X-A"]);
        Assert.Single(client);
    }

    [Fact]
    public void IsSetExplicitly_OnlyClientLayer_IsFalse()
    {
        var request = new GraphQLHeaders { ["X-Other"] = "1" };

        var set = HeaderLayers.IsSetExplicitly("Authorization", request, null);

        Assert.False(set);
    }
}
