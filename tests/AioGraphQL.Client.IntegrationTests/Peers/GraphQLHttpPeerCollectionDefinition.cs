using Xunit;

namespace AioGraphQL.Client.IntegrationTests.Peers;

/// <summary>
/// Declares the xUnit collection whose test classes share one
/// <see cref="GraphQLHttpPeerFixture"/> server and run
/// one after another; mark a class with
/// <c>[Collection(GraphQLHttpPeerCollectionDefinition.Name)]</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GraphQLHttpPeerCollectionDefinition
    : ICollectionFixture<GraphQLHttpPeerFixture>
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "graphql-http peer";
}
